import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { DependencyGraph } from '../../core/model.js';
import { buildPurl } from '../../core/purl.js';
import { CORPUS_DIR, repositoryAt } from '../../test-support/shared.js';
import { extractPnpmLock } from './pnpm-lock.js';

/**
 * Every pnpm-lock.yaml of the corpus (5.4, 6.0 and 9.0). Counts are checked
 * against the lockfile parsed by the `yaml` package (we parse with js-yaml):
 * one package per key of `packages` (5.x, 6.x) or `snapshots` (9.x), which
 * keep peer variants apart as we do, and one root per key of `importers`.
 */
const LOCKFILES = [
  'astro-2023/pnpm-lock.yaml',
  'cdxgen/pnpm-lock.yaml',
  'kysely/pnpm-lock.yaml',
  'renovate-2024/pnpm-lock.yaml',
  'renovate/pnpm-lock.yaml',
  'trpc/pnpm-lock.yaml',
];

async function extract(lockfile: string): Promise<DependencyGraph> {
  const project = lockfile.slice(0, lockfile.indexOf('/'));
  return extractPnpmLock({
    path: lockfile.slice(project.length + 1),
    text: readFileSync(path.join(CORPUS_DIR, lockfile), 'utf8'),
    repository: repositoryAt(path.join(CORPUS_DIR, project)),
  });
}

describe('pnpm-lock.yaml of the corpus', () => {
  it.each(LOCKFILES)(
    '%s: packages and roots match the yaml package',
    async (lockfile) => {
      const text = readFileSync(path.join(CORPUS_DIR, lockfile), 'utf8');
      const lock = parse(text, { maxAliasCount: -1 }) as Record<
        string,
        Record<string, unknown>
      >;
      const section = String(lock.lockfileVersion).startsWith('9')
        ? lock.snapshots
        : lock.packages;

      const graph = await extract(lockfile);

      const locked = graph.packages.filter(
        (p) => p.source !== 'workspace' && p.source !== 'link',
      );
      expect(locked.map((p) => p.key).sort()).toEqual(
        Object.keys(section ?? {}).sort(),
      );
      expect(graph.roots).toHaveLength(
        Object.keys(lock.importers ?? { '.': {} }).length,
      );
      expect(
        graph.warnings.filter((w) => w.code !== 'ERR_LOCKFILE_OUT_OF_SYNC'),
      ).toEqual([]);
    },
  );

  it.each(LOCKFILES)('%s: every edge joins known nodes', async (lockfile) => {
    const graph = await extract(lockfile);
    const nodes = new Set(
      [...graph.roots, ...graph.packages].map((n) => n.key),
    );

    const dangling = graph.edges.filter(
      (e) => !nodes.has(e.from) || !nodes.has(e.to),
    );

    expect(dangling).toEqual([]);
    // Purls are written directly for plain names; packageurl-js must agree.
    expect(graph.packages.map((p) => p.purl)).toEqual(
      graph.packages.map((p) => buildPurl('npm', p.name, p.version)),
    );
    expect(graph.files).toEqual(
      expect.arrayContaining(['pnpm-lock.yaml', 'package.json']),
    );
  });

  // Read by hand from the lockfiles.
  it('renovate-2024 (6.0): an edge with its version', async () => {
    const graph = await extract('renovate-2024/pnpm-lock.yaml');
    const core = graph.packages.find((p) => p.key === '/@babel/core@7.24.4')!;

    expect(core).toMatchObject({
      name: '@babel/core',
      version: '7.24.4',
      purl: 'pkg:npm/%40babel/core@7.24.4',
      line: 1583,
    });
    expect(graph.edges).toContainEqual({
      from: core.key,
      to: '/@ampproject/remapping@2.3.0',
      scope: 'prod',
    });
  });

  it('astro-2023 (5.4): peer-suffixed key, version without the suffix', async () => {
    const graph = await extract('astro-2023/pnpm-lock.yaml');
    const key =
      '/@algolia/autocomplete-preset-algolia/1.7.4_dk4ct527ug5whbfokpeal2wzha';

    expect(graph.packages.find((p) => p.key === key)).toMatchObject({
      name: '@algolia/autocomplete-preset-algolia',
      version: '1.7.4',
      line: 3637,
    });
    const root = graph.roots.find((r) => r.path === '')!;
    expect(graph.edges).toContainEqual({
      from: root.key,
      to: '/@changesets/cli/2.23.0_kcozqtpxuwjzskw6zg5royevn4',
      scope: 'dev',
    });
  });
});
