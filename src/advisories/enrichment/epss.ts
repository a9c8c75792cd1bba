import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { InputError } from '../../core/errors.js';

/** EPSS: the probability of exploitation in the next 30 days, and its percentile. */
export interface EpssScore {
  epss: number;
  percentile: number;
}

const LINE = /^(CVE-\d{4}-\d+)[;,]([0-9.eE-]+)[;,]([0-9.eE-]+)\s*$/i;
/** What an EPSS file is called: a CSV, plain or gzip-compressed. */
export const EPSS_FILE_NAME = /\.csv(\.gz)?$/i;

/**
 * Reads one EPSS file into `scores`: FIRST's daily CSV (a `#model_version`
 * comment, a `cve,epss,percentile` header) or the per-year mirror (no
 * header, `;` separated), plain or gzip-compressed. Lines that are not
 * scores (comments, headers, damage) are skipped. Returns the lines read.
 */
async function readEpssFile(
  file: string,
  scores: Map<string, EpssScore>,
): Promise<number> {
  const raw = createReadStream(file);
  const input = /\.gz$/i.test(file) ? raw.pipe(createGunzip()) : raw;
  let count = 0;
  try {
    for await (const line of createInterface({ input, crlfDelay: Infinity })) {
      const match = LINE.exec(line);
      if (!match) continue;
      scores.set((match[1] as string).toUpperCase(), {
        epss: Number(match[2]),
        percentile: Number(match[3]),
      });
      count += 1;
    }
  } catch (error) {
    throw new InputError(
      'ERR_EPSS_FORMAT',
      `EPSS file could not be read (${(error as Error).message}); expected a CSV or CSV.gz of cve, epss, percentile`,
      { file, cause: error },
    );
  }
  return count;
}

/**
 * EPSS scores by CVE id, from one file or every `.csv`/`.csv.gz` in a
 * folder. Throws InputError ERR_EPSS_FORMAT when the location is missing.
 */
export async function readEpssScores(
  location: string,
): Promise<Map<string, EpssScore>> {
  const info = await stat(location).catch(() => undefined);
  if (!info)
    throw new InputError(
      'ERR_EPSS_FORMAT',
      `EPSS location "${location}" does not exist; give a CSV file or a folder of them`,
      { file: location },
    );
  const files = info.isDirectory()
    ? (await readdir(location))
        .filter((name) => EPSS_FILE_NAME.test(name))
        .sort()
        .map((name) => path.join(location, name))
    : [location];
  const scores = new Map<string, EpssScore>();
  for (const file of files) await readEpssFile(file, scores);
  return scores;
}
