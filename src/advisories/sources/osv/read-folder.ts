import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { AdvisoryWarning } from '../../model.js';
import type { AdvisoryBatch, FeedLimits } from '../types.js';
import { DEFAULT_FEED_LIMITS } from '../types.js';
import { isAdvisoryFileName, parseOsvText } from './parse-text.js';
import { appendAll } from '../../../core/arrays.js';

/** Every advisory file below `root`, hidden folders and symlinks left out. */
async function listAdvisoryFiles(root: string): Promise<string[]> {
  const files: string[] = [];
  const pending = [root];
  while (pending.length > 0) {
    const dir = pending.pop() as string;
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) pending.push(full);
      else if (entry.isFile() && isAdvisoryFileName(entry.name))
        files.push(full);
    }
  }
  return files.sort();
}

/** Reads one advisory file, refusing it (with a warning) past the size cap. */
export async function readAdvisoryFile(
  file: string,
  source: string,
  limits: FeedLimits,
  warnings: AdvisoryWarning[],
): Promise<AdvisoryBatch['records']> {
  const max = limits.maxFileBytes ?? DEFAULT_FEED_LIMITS.maxFileBytes;
  const info = await stat(file);
  if (info.size > max) {
    warnings.push({
      source,
      code: 'ERR_OSV_TOO_LARGE',
      message: `advisory file is ${info.size} bytes, over the limit of ${max}; it is skipped`,
    });
    return [];
  }
  return parseOsvText(await readFile(file, 'utf8'), source, warnings);
}

/**
 * Reads every OSV file below a folder, recursively: an osv.dev export, a
 * golang/vulndb or RustSec checkout, or a GitHub Advisory Database checkout
 * (`advisories/github-reviewed/YYYY/MM/GHSA-*` folders).
 */
export async function readOsvFolder(
  root: string,
  limits: FeedLimits = {},
): Promise<AdvisoryBatch> {
  const warnings: AdvisoryWarning[] = [];
  const records: AdvisoryBatch['records'] = [];
  const files = await listAdvisoryFiles(root);
  for (const file of files) {
    const source = path.relative(root, file).split(path.sep).join('/');
    appendAll(records, await readAdvisoryFile(file, source, limits, warnings));
  }
  return { records, warnings, files: files.length };
}
