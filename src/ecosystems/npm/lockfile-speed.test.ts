import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import path from 'node:path';
import { parseSyml } from '@yarnpkg/parsers';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { CORPUS_DIR, listFiles } from '../../test-support/shared.js';
import type { Extractor, RepositoryFiles } from '../types.js';
import { pnpmLockExtractor } from './pnpm-lock.js';
import { yarnLockExtractor } from './yarn-lock.js';

/**
 * Each reader against the bare parse of the same file: js-yaml for pnpm
 * and Berry (the fast path `parseSyml` itself takes for Berry), `parseSyml`
 * for yarn classic (js-yaml cannot read it). The package.json files are
 * held in memory so that disk speed does not count. Best of several
 * interleaved runs, since the machine is shared; skipped when the load
 * average is over twice the cores, where timings say nothing (measured
 * quiet: about 2× for pnpm and Berry, 0.2× for classic).
 */
const CASES: [string, Extractor, (text: string) => unknown][] = [
  ['trpc/pnpm-lock.yaml', pnpmLockExtractor, load],
  ['astro-2023/pnpm-lock.yaml', pnpmLockExtractor, load],
  ['jest/yarn.lock', yarnLockExtractor, load],
  ['webpack/yarn.lock', yarnLockExtractor, parseSyml],
];
const RUNS = 10;

function memoryRepository(project: string): RepositoryFiles {
  const dir = path.join(CORPUS_DIR, project);
  const paths = listFiles(dir);
  const texts = new Map(
    paths
      .filter((p) => p.endsWith('package.json'))
      .map((p) => [p, readFileSync(path.join(dir, p), 'utf8')]),
  );
  return { paths, readText: async (p) => texts.get(p) };
}

async function best(run: () => unknown): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

const BUSY = loadavg()[0]! > 2 * availableParallelism();

describe.skipIf(BUSY)(
  'lockfile readers stay within 3× of the bare parse',
  () => {
    it.each(CASES)(
      '%s',
      async (lockfile, extractor, floor) => {
        const project = lockfile.slice(0, lockfile.indexOf('/'));
        const request = {
          path: lockfile.slice(project.length + 1),
          text: readFileSync(path.join(CORPUS_DIR, lockfile), 'utf8'),
          repository: memoryRepository(project),
        };
        let ours = Infinity;
        let bare = Infinity;

        for (let i = 0; i < RUNS; i++) {
          ours = Math.min(ours, await best(() => extractor.extract(request)));
          bare = Math.min(bare, await best(() => floor(request.text)));
        }

        expect(ours / bare).toBeLessThan(3);
      },
      120_000,
    );
  },
);
