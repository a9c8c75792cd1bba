import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseSyml } from '@yarnpkg/parsers';
import { XMLParser } from 'fast-xml-parser';
import { loadAll as loadAllYaml, load as loadYaml } from 'js-yaml';
import { parse as parseToml } from 'smol-toml';
import { allExtractors } from '../ecosystems/registry.js';
import { repositoryAt } from '../test-support/shared.js';
import { median, timed } from './measure.js';

/** One input file: the bare parse of it against our extraction of it. */
export interface ParseComparison {
  input: string;
  file: string;
  bytes: number;
  floorParser: string;
  floorCpuMs: number;
  oursCpuMs: number;
  packages: number;
  ratio: number;
}

function floorParserFor(
  file: string,
  text: string,
): [string, (t: string) => unknown] {
  const name = path.basename(file);
  if (
    name.endsWith('.json') ||
    name === 'composer.lock' ||
    name === 'Pipfile.lock'
  ) {
    return ['JSON.parse', JSON.parse];
  }
  if (name === 'Gemfile.lock') return ['line split', (t) => t.split('\n')];
  // pnpm 10+ writes a config document before the lockfile proper.
  if (name === 'pnpm-lock.yaml') return ['js-yaml', (t) => loadAllYaml(t)];
  if (name === 'yarn.lock') {
    return text.includes('__metadata:')
      ? ['js-yaml', loadYaml]
      : ['@yarnpkg/parsers parseSyml', parseSyml];
  }
  if (name.endsWith('.toml') || name.endsWith('.lock'))
    return ['smol-toml', parseToml];
  if (name.endsWith('.xml'))
    return ['fast-xml-parser', (t) => new XMLParser().parse(t)];
  return ['line split', (t) => t.split('\n')];
}

/** Each batch of runs lasts at least this long, so CPU clock ticks do not dominate. */
const BATCH_MS = 100;

/**
 * CPU milliseconds per run of `work`, one sample per batch: a file parsed in
 * a tenth of a millisecond is parsed a thousand times per sample, since the
 * process CPU clock may advance in ticks of a millisecond or more.
 */
async function cpuPerRun(
  work: () => unknown,
  samples: number,
): Promise<number[]> {
  const [, warm] = await timed(work);
  const perBatch = Math.max(
    1,
    Math.ceil(BATCH_MS / Math.max(warm.wallMs, 0.01)),
  );
  const out: number[] = [];
  for (let i = 0; i < samples; i++) {
    const [, batch] = await timed(async () => {
      for (let j = 0; j < perBatch; j++) await work();
    });
    out.push(batch.cpuMs / perBatch);
  }
  return out;
}

/**
 * Measures, in this process, the CPU time to read and parse `file` with the
 * fastest stock parser of its format, and the CPU time of our extractor on
 * the same file (siblings such as workspace manifests included), as the
 * median of `runs` runs after a warm-up.
 */
export async function compareParse(options: {
  input: string;
  dir: string;
  file: string;
  runs?: number;
}): Promise<ParseComparison | undefined> {
  const runs = options.runs ?? 5;
  const extractor = allExtractors().find(
    (e) => e.matches(options.file) && e.kind !== 'manifest',
  );
  if (!extractor) return undefined;
  const absolute = path.join(options.dir, options.file);
  const text = readFileSync(absolute, 'utf8');
  const [floorParser, parse] = floorParserFor(options.file, text);

  const readFloor = () => parse(readFileSync(absolute, 'utf8'));
  const extractOurs = async () => {
    const repository = repositoryAt(options.dir);
    const body = await repository.readText(options.file);
    return extractor.extract({
      path: options.file,
      text: body!,
      repository,
      settings: { maven: { offline: true } },
    });
  };
  const packages = (await extractOurs()).packages.length;
  const floor = await cpuPerRun(readFloor, runs);
  const ours = await cpuPerRun(extractOurs, runs);
  const floorCpuMs = median(floor);
  const oursCpuMs = median(ours);
  return {
    input: options.input,
    file: options.file,
    bytes: Buffer.byteLength(text),
    floorParser,
    floorCpuMs,
    oursCpuMs,
    packages,
    ratio: oursCpuMs / floorCpuMs,
  };
}
