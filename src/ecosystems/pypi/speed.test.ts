import { readFileSync } from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { parse } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { moduleLogger } from '../../core/log.js';
import type { DependencyGraph } from '../../core/model.js';
import { buildPurl } from '../../core/purl.js';
import { CORPUS_DIR, listFiles } from '../../test-support/shared.js';
import { extractVerificationMetadata } from '../gradle/verification-metadata.js';
import type { ExtractionRequest, RepositoryFiles } from '../types.js';
import { extractPipfileLock } from './pipfile-lock.js';
import { extractPoetryLock } from './poetry-lock.js';
import { extractUvLock } from './uv-lock.js';

type Extract = (request: ExtractionRequest) => Promise<DependencyGraph>;

const xml = new XMLParser({ ignoreAttributes: false, processEntities: false });
const pipfile = readFileSync(path.join(CORPUS_DIR, 'pipenv/Pipfile'), 'utf8');

/** poetry.lock is read with the pyproject.toml beside it: both count. */
function withPyproject(project: string): (text: string) => unknown {
  const file = path.join(CORPUS_DIR, project, 'pyproject.toml');
  const pyproject = readFileSync(file, 'utf8');
  return (text) => [parse(text), parse(pyproject)];
}

/** Pipfile.lock is read with the Pipfile beside it: both parses count. */
function parseWithPipfile(text: string): unknown {
  return [JSON.parse(text), parse(pipfile)];
}

/**
 * Readers of TOML, JSON and XML files against the bare parse of the same
 * file (smol-toml, JSON.parse, fast-xml-parser). Sibling files are held in
 * memory so disk speed does not count; best of several interleaved runs,
 * since the machine is shared.
 *
 * The shared purl builder (core/purl.ts, packageurl-js) is timed on its
 * own over the same packages and taken out: the bound is on our work.
 * Text formats (requirements, go.mod, gradle.lockfile) are left out: a
 * line split does no parsing to compare with, and the purl builder alone
 * costs more than their whole parse (see the readme files).
 */
const CASES: [string, Extract, (text: string) => unknown][] = [
  ['poetry/poetry.lock', extractPoetryLock, withPyproject('poetry')],
  ['osv-dev/poetry.lock', extractPoetryLock, withPyproject('osv-dev')],
  ['pydantic/uv.lock', extractUvLock, parse],
  ['pipenv/Pipfile.lock', extractPipfileLock, parseWithPipfile],
  [
    'adyen-android/gradle/verification-metadata.xml',
    extractVerificationMetadata,
    (t) => xml.parse(t),
  ],
];
/** Interleaved runs, as many as fit in the budget: the min filters out load. */
const RUNS = 200;
const BUDGET_MS = 15_000;
const log = moduleLogger('pypi.speed-test');

function memoryRepository(project: string): RepositoryFiles {
  const dir = path.join(CORPUS_DIR, project);
  const paths = listFiles(dir);
  const texts = new Map(
    paths.map((p) => [p, readFileSync(path.join(dir, p), 'utf8')]),
  );
  return { paths, readText: async (p) => texts.get(p) };
}

function buildPurls(graph: DependencyGraph): void {
  for (const p of graph.packages) buildPurl(p.ecosystem, p.name, p.version);
}

async function time(run: () => unknown): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

describe('readers stay within 3× of the bare parse', () => {
  it.each(CASES)(
    '%s',
    async (file, extract, floor) => {
      const project = file.slice(0, file.indexOf('/'));
      const request = {
        path: file.slice(project.length + 1),
        text: readFileSync(path.join(CORPUS_DIR, file), 'utf8'),
        repository: memoryRepository(project),
      };
      const graph = await extract(request);
      let ours = Infinity;
      let bare = Infinity;
      let purls = Infinity;

      const started = performance.now();
      for (
        let i = 0;
        i < RUNS && performance.now() - started < BUDGET_MS;
        i++
      ) {
        ours = Math.min(ours, await time(() => extract(request)));
        bare = Math.min(bare, await time(() => floor(request.text)));
        purls = Math.min(purls, await time(() => buildPurls(graph)));
      }

      const ratio = Math.max(ours - purls, 0) / bare;
      log.debug({ file, ours, bare, purls, ratio }, 'reader speed');
      // A reader done in under a millisecond is fast whatever the ratio:
      // Pipfile.lock's JSON.parse takes 0.15 ms, so fixed costs dominate.
      expect(ratio < 3 || ours - purls < 1).toBe(true);
    },
    120_000,
  );
});
