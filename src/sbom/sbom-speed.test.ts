import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS_DIR, listFiles } from '../test-support/shared.js';
import type { Extractor, RepositoryFiles } from '../ecosystems/types.js';
import { cycloneDxJsonExtractor } from './cyclonedx-json.js';

/**
 * The extractor against the bare parse of every file it reads (JSON.parse),
 * with the files held in memory so that disk speed does not count. Time is
 * the process's CPU time, not the wall clock, and the best of several
 * interleaved runs counts: on a shared machine other processes stretch
 * wall time, the longer runs more.
 */
const RUNS = 15;

// On a machine shared by parallel jobs even CPU time is noisy (JIT and GC
// threads count), so these run only when asked: QM_SPEED_TESTS=1.
const enabled = process.env.QM_SPEED_TESTS === '1';

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
  [
    'sbom-cdx-juice-shop/bom.json',
    cycloneDxJsonExtractor,
    (_, t) => JSON.parse(t),
  ],
  [
    'sbom-cdx-dropwizard/bom.json',
    cycloneDxJsonExtractor,
    (_, t) => JSON.parse(t),
  ],
  [
    'sbom-cdx-proton-bridge/proton-bridge-v1.8.0.bom.json',
    cycloneDxJsonExtractor,
    (_, t) => JSON.parse(t),
  ],
];

describe.runIf(enabled)(
  'SBOM reading stays within 3x of the bare parse',
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
