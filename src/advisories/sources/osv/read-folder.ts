import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { AdvisoryWarning } from '../../model.js';
import { BatchBuilder } from '../batch-builder.js';
import type { AdvisoryBatch, FeedLimits, FeedStreamOptions } from '../types.js';
import { DEFAULT_FEED_LIMITS } from '../types.js';
import { isAdvisoryFileName, parseOsvText } from './parse-text.js';

function byName(a: { name: string }, b: { name: string }): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/**
 * Every advisory file below `dir`, hidden folders and symlinks left out,
 * each folder in name order; only the folders on the way are held.
 */
async function* walkAdvisoryFiles(dir: string): AsyncGenerator<string> {
  const entries = (await readdir(dir, { withFileTypes: true })).sort(byName);
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walkAdvisoryFiles(full);
    else if (entry.isFile() && isAdvisoryFileName(entry.name)) yield full;
  }
}

/** The records of one advisory file and the bytes of text they came from. */
interface FileRead {
  records: AdvisoryBatch['records'];
  bytes: number;
}

/** Reads one advisory file, refusing it (with a warning) past the size cap. */
export async function readAdvisoryFile(
  file: string,
  source: string,
  limits: FeedLimits,
  warnings: AdvisoryWarning[],
): Promise<FileRead> {
  const max = limits.maxFileBytes ?? DEFAULT_FEED_LIMITS.maxFileBytes;
  const info = await stat(file);
  if (info.size > max) {
    warnings.push({
      source,
      code: 'ERR_OSV_TOO_LARGE',
      message: `advisory file is ${info.size} bytes, over the limit of ${max}; it is skipped`,
    });
    return { records: [], bytes: 0 };
  }
  const text = await readFile(file, 'utf8');
  return { records: parseOsvText(text, source, warnings), bytes: text.length };
}

/**
 * Reads every OSV file below a folder, recursively, in batches: an osv.dev
 * export, a golang/vulndb or RustSec checkout, or a GitHub Advisory
 * Database checkout (`advisories/github-reviewed/YYYY/MM/GHSA-*` folders).
 */
export async function* streamOsvFolder(
  root: string,
  options: FeedStreamOptions = {},
): AsyncGenerator<AdvisoryBatch> {
  const batch = new BatchBuilder(options);
  for await (const file of walkAdvisoryFiles(root)) {
    const source = path.relative(root, file).split(path.sep).join('/');
    const read = await readAdvisoryFile(
      file,
      source,
      options.limits ?? {},
      batch.warnings,
    );
    batch.countFiles(1);
    batch.add(read.records, read.bytes);
    if (batch.full()) yield batch.take();
  }
  yield batch.take();
}
