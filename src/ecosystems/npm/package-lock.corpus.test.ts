import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import type { DependencyGraph } from '../../core/model.js';
import { buildPurl } from '../../core/purl.js';
import {
  CORPUS_DIR,
  listFiles,
  repositoryAt,
} from '../../test-support/shared.js';
import { installName } from './package-lock-tree.js';
import { extractPackageLock, isPackageLock } from './package-lock.js';

/**
 * Every package-lock.json and npm-shrinkwrap.json of the corpus, read by us
 * and by npm itself (`npm ls --all --json --package-lock-only` on a copy of
 * the lockfile and the package.json files below it, so nothing is fetched).
 *
 * Compared: the set of distinct `installed-name@version` pairs. On npm's
 * side every node of its JSON tree (deduped repeats included, since they
 * repeat a pair already seen) keyed by its dependency name; on ours every
 * package keyed by the name its install path ends in. Both sides leave out
 * local folders (npm: `resolved` starting with `file:`; ours: roots and
 * `link` packages) and nodes without a version (npm's `missing`).
 */
const corpusLockfiles = listFiles(CORPUS_DIR).filter(isPackageLock);
const temporary: string[] = [];

afterAll(() => {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

// npm ls takes one to ten seconds per lockfile, mostly CPU: run in turn.
describe('package-lock.json of the corpus', () => {
  it('finds the lockfiles', () => {
    expect(corpusLockfiles.length).toBeGreaterThan(20);
  });

  it.each(corpusLockfiles)(
    '%s matches npm ls',
    async (lockfile) => {
      const project = lockfile.slice(0, lockfile.indexOf('/'));
      const inProject = lockfile.slice(project.length + 1);
      const repository = repositoryAt(path.join(CORPUS_DIR, project));

      const graph = await extractPackageLock({
        path: inProject,
        text: readFileSync(path.join(CORPUS_DIR, lockfile), 'utf8'),
        repository,
      });
      const npmPairs = await npmLsPairs(
        path.join(CORPUS_DIR, path.dirname(lockfile)),
      );

      expect(ourPairs(graph)).toEqual(npmPairs);
      // npmPurl writes plain purls itself; packageurl-js must agree on each.
      for (const pkg of graph.packages) {
        expect(pkg.purl).toBe(buildPurl('npm', pkg.name, pkg.version));
      }
    },
    60_000,
  );
});

function ourPairs(graph: DependencyGraph): string[] {
  const pairs = new Set<string>();
  for (const pkg of graph.packages) {
    if (pkg.source === 'link' || pkg.version === null) continue;
    pairs.add(`${installName(pkg.key)}@${pkg.version}`);
  }
  return [...pairs].sort();
}

interface LsNode {
  version?: string;
  resolved?: string;
  missing?: boolean;
  dependencies?: Record<string, LsNode>;
}

async function npmLsPairs(folder: string): Promise<string[]> {
  const copy = mkdtempSync(path.join(tmpdir(), 'qm-npm-ls-'));
  temporary.push(copy);
  for (const file of listFiles(folder)) {
    const name = path.basename(file);
    if (name !== 'package.json' && !isPackageLock(file)) continue;
    if (isPackageLock(file) && file.includes('/')) continue;
    mkdirSync(path.join(copy, path.dirname(file)), { recursive: true });
    cpSync(path.join(folder, file), path.join(copy, file));
  }
  // npm ls exits 1 when it finds problems (missing, invalid); the tree is
  // printed all the same.
  const stdout = await promisify(execFile)(
    'npm',
    ['ls', '--all', '--json', '--package-lock-only', '--offline'],
    {
      cwd: copy,
      encoding: 'utf8',
      maxBuffer: 1 << 28,
      env: { ...process.env, npm_config_update_notifier: 'false' },
    },
  ).then(
    (run) => run.stdout,
    (error: { stdout?: string }) => error.stdout ?? '',
  );
  const tree = JSON.parse(stdout) as LsNode;

  const pairs = new Set<string>();
  const local = new Set<string>();
  const visit = (node: LsNode) => {
    for (const [name, child] of Object.entries(node.dependencies ?? {})) {
      if (child.version && !child.missing) {
        const pair = `${name}@${child.version}`;
        pairs.add(pair);
        if (child.resolved?.startsWith('file:')) local.add(pair);
      }
      visit(child);
    }
  };
  visit(tree);
  return [...pairs].filter((pair) => !local.has(pair)).sort();
}
