import { globSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseSyml } from '@yarnpkg/parsers';
import { describe, expect, it } from 'vitest';
import type { DependencyGraph } from '../../core/model.js';
import { buildPurl } from '../../core/purl.js';
import { CORPUS_DIR, repositoryAt } from '../../test-support/shared.js';
import { yarnLockExtractor } from './yarn-lock.js';

/**
 * Every yarn.lock of the corpus. Package counts are checked against a plain
 * line scan of the file, not against our parser:
 * - classic: distinct `resolved "…"` values, plus blocks without one;
 * - Berry: distinct `resolution: "…"` values, less `workspace:` ones and
 *   `patch:` ones whose patched package has its own entry.
 * Roots: classic ones against Node's own `fs.globSync` over the
 * `workspaces` globs, Berry ones against the `@workspace:` resolutions.
 */
const LOCKFILES = [
  'fixture-cdxgen-yarn-workspaces/yarn.lock',
  'jest-2019/yarn.lock',
  'jest/yarn.lock',
  'prettier/yarn.lock',
  'rails/yarn.lock',
  'webpack/yarn.lock',
];

async function extract(lockfile: string): Promise<DependencyGraph> {
  const project = lockfile.slice(0, lockfile.indexOf('/'));
  return yarnLockExtractor.extract({
    path: lockfile.slice(project.length + 1),
    text: readFileSync(path.join(CORPUS_DIR, lockfile), 'utf8'),
    repository: repositoryAt(path.join(CORPUS_DIR, project)),
  });
}

function scanClassic(text: string): { packages: number } {
  const seen = new Set<string>();
  for (const block of text.split(/\n\s*\n/)) {
    if (!/^[^#\s]/m.test(block)) continue;
    const resolved = /^ {2}resolved "([^"]+)"/m.exec(block)?.[1];
    seen.add(resolved ?? block.split('\n').find((l) => /^[^#\s]/.test(l))!);
  }
  return { packages: seen.size };
}

function scanBerry(text: string): { packages: number; workspaces: number } {
  const resolutions = new Set(
    [...text.matchAll(/^ {2}resolution: "(.+)"$/gm)].map((m) => m[1]!),
  );
  let packages = 0;
  let workspaces = 0;
  for (const resolution of resolutions) {
    const patched = /^(.+?)@patch:(.+?)#/.exec(resolution);
    if (resolution.includes('@workspace:')) workspaces++;
    else if (!patched || !resolutions.has(decodeURIComponent(patched[2]!)))
      packages++;
  }
  return { packages, workspaces };
}

function classicRootCount(project: string): number {
  const dir = path.join(CORPUS_DIR, project);
  const manifest = JSON.parse(
    readFileSync(path.join(dir, 'package.json'), 'utf8'),
  );
  const globs: string[] =
    manifest.workspaces?.packages ?? manifest.workspaces ?? [];
  const found = globs.flatMap((glob) =>
    globSync(`${glob}/package.json`, { cwd: dir }),
  );
  return 1 + new Set(found).size;
}

describe('yarn.lock of the corpus', () => {
  it.each(LOCKFILES)(
    '%s: packages and roots match a line scan',
    async (lockfile) => {
      const text = readFileSync(path.join(CORPUS_DIR, lockfile), 'utf8');
      const berry = text.includes('\n__metadata:');

      const graph = await extract(lockfile);

      const counted = graph.packages.filter(
        (p) => p.source !== 'workspace',
      ).length;
      if (berry) {
        const scan = scanBerry(text);
        expect(counted).toBe(scan.packages);
        expect(graph.roots).toHaveLength(scan.workspaces);
      } else {
        expect(counted).toBe(scanClassic(text).packages);
        expect(graph.roots).toHaveLength(
          classicRootCount(lockfile.split('/')[0]!),
        );
      }
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
      expect.arrayContaining(graph.roots.map((r) => r.file)),
    );
  });

  // Read by hand from the lockfiles and package.json files.
  it('webpack (classic): edges, scopes and versions', async () => {
    const graph = await extract('webpack/yarn.lock');
    const byKey = new Map(graph.packages.map((p) => [p.key, p]));
    const root = graph.roots[0]!.key;

    expect(graph.edges).toEqual(
      expect.arrayContaining([
        { from: root, to: 'enhanced-resolve@5.24.5', scope: 'prod' },
        {
          from: 'enhanced-resolve@5.24.5',
          to: expect.stringMatching(/^graceful-fs@/),
          scope: 'prod',
        },
        {
          from: 'enhanced-resolve@5.24.5',
          to: expect.stringMatching(/^tapable@/),
          scope: 'prod',
        },
      ]),
    );
    expect(byKey.get('enhanced-resolve@5.24.5')).toMatchObject({
      scope: 'prod',
      direct: true,
      line: 4249,
    });
    const jest = graph.packages.filter((p) => p.name === 'jest');
    expect(jest.map((p) => [p.scope, p.direct])).toEqual([['dev', true]]);
  });

  it('jest (Berry): workspace edges and dev scope from package.json', async () => {
    const graph = await extract('jest/yarn.lock');
    const circus = graph.roots.find((r) => r.name === 'jest-circus')!;
    const each = graph.roots.find((r) => r.name === 'jest-each')!;

    expect(circus.path).toBe('packages/jest-circus');
    expect(graph.edges).toContainEqual({
      from: circus.key,
      to: 'co@4.6.0',
      scope: 'prod',
    });
    expect(graph.edges).toContainEqual({
      from: circus.key,
      to: each.key,
      scope: 'prod',
    });
    // A workspace is reached through its root, never listed as a package.
    expect(graph.packages.find((p) => p.key === each.key)).toBeUndefined();
    // lru-cache@10 is patched through `resolutions`; the patch is the package.
    expect(
      graph.packages.filter(
        (p) => p.name === 'lru-cache' && p.version === '10.4.3',
      ),
    ).toHaveLength(1);
  });
});

describe('classic parser agrees with @yarnpkg/parsers', () => {
  const classic = LOCKFILES.filter(
    (f) =>
      !readFileSync(path.join(CORPUS_DIR, f), 'utf8').includes('\n__metadata:'),
  );

  it.each(classic)('%s', async (lockfile) => {
    const { parseClassicYarnLock } = await import('./yarn-lock-syntax.js');
    const text = readFileSync(path.join(CORPUS_DIR, lockfile), 'utf8');

    const ours: Record<string, unknown> = {};
    for (const entry of parseClassicYarnLock(text, lockfile)) {
      for (const d of entry.descriptors)
        ours[d] = { ...entry.fields, ...entry.sections };
    }

    expect(ours).toEqual(stringify(parseSyml(text)));
  });
});

function stringify(value: unknown): unknown {
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, stringify(v)]),
    );
  }
  return String(value);
}
