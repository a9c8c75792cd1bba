import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS_DIR, listFiles } from '../../test-support/shared.js';
import type { Extractor, RepositoryFiles } from '../../ecosystems/types.js';
import { XMLParser } from 'fast-xml-parser';
import { packagesLockExtractor } from './packages-lock.js';

/**
 * The extractor against the bare parse of every file it reads (JSON.parse on the lockfile, fast-xml-parser on the project file and Directory.Build.props),
 * with the files held in memory so that disk speed does not count. Time is
 * the process's CPU time, not the wall clock, and the best of several
 * interleaved runs counts: on a shared machine other processes stretch
 * wall time, the longer runs more.
 */
const RUNS = 15;

// On a machine shared by parallel jobs even CPU time is noisy (JIT and GC
// threads count), so these run only when asked: QM_SPEED_TESTS=1.
const enabled = process.env.QM_SPEED_TESTS === '1';

function xml(text: string): unknown {
  return new XMLParser({ ignoreAttributes: false }).parse(text);
}

interface MemoryRepository extends RepositoryFiles {
  texts: Map<string, string>;
}

function memoryRepository(project: string): MemoryRepository {
  const dir = path.join(CORPUS_DIR, project);
  const paths = listFiles(dir);
  const texts = new Map(
    paths.map((p) => [p, readFileSync(path.join(dir, p), 'utf8')]),
  );
  return { paths, texts, readText: async (p) => texts.get(p) };
}

async function elapsed(run: () => unknown): Promise<number> {
  const start = process.cpuUsage();
  await run();
  const used = process.cpuUsage(start);
  return used.user + used.system;
}

type Floor = (repository: MemoryRepository, text: string) => unknown;

const CASES: [string, Extractor, Floor][] = [
  ...['SharedWeb', 'Api', 'Core'].map((project): [string, Extractor, Floor] => [
    `bitwarden-server/src/${project}/packages.lock.json`,
    packagesLockExtractor,
    (repository, text) => [
      JSON.parse(text),
      xml(repository.texts.get(`src/${project}/${project}.csproj`) ?? ''),
      xml(repository.texts.get('Directory.Build.props') ?? ''),
    ],
  ]),
];

describe.runIf(enabled)(
  'packages.lock.json reading stays within 3x of the bare parse',
  () => {
    it.each(CASES)(
      '%s',
      async (file, extractor, floor) => {
        const project = file.slice(0, file.indexOf('/'));
        const repository = memoryRepository(project);
        const relative = file.slice(project.length + 1);
        const text = repository.texts.get(relative) ?? '';
        const request = { path: relative, text, repository };
        let ours = Infinity;
        let bare = Infinity;

        for (let i = 0; i < RUNS; i++) {
          ours = Math.min(
            ours,
            await elapsed(() => extractor.extract(request)),
          );
          bare = Math.min(bare, await elapsed(() => floor(repository, text)));
        }

        expect(ours / bare).toBeLessThan(3);
      },
      120_000,
    );
  },
);
