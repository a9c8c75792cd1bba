import { readFile, stat } from 'node:fs/promises';
import { strFromU8, unzipSync, type UnzipFileInfo } from 'fflate';
import { InputError } from '../../../core/errors.js';
import type { AdvisoryWarning } from '../../model.js';
import {
  DEFAULT_FEED_LIMITS,
  type AdvisoryBatch,
  type FeedLimits,
} from '../types.js';
import { isAdvisoryFileName, parseOsvText } from './parse-text.js';
import { appendAll } from '../../../core/arrays.js';

/** An entry name that could escape a folder if ever written out. */
function isUnsafeName(name: string): boolean {
  return (
    name.startsWith('/') ||
    name.startsWith('\\') ||
    /^[a-zA-Z]:/.test(name) ||
    name.split(/[\\/]/).includes('..')
  );
}

interface EntryChecks {
  limits: Required<FeedLimits>;
  file: string;
  warnings: AdvisoryWarning[];
  seen: { entries: number; bytes: number };
}

/**
 * Decides per entry, before anything is inflated, from the sizes the
 * archive declares; fflate never inflates past the declared size, so a
 * lying header cannot expand further than what was allowed here.
 */
function admitEntry(entry: UnzipFileInfo, checks: EntryChecks): boolean {
  const { limits, file, warnings, seen } = checks;
  seen.entries += 1;
  if (seen.entries > limits.maxEntries)
    throw new InputError(
      'ERR_ZIP_LIMIT',
      `archive has more than ${limits.maxEntries} entries; expected an OSV export; check the file or raise the limit`,
      { file },
    );
  if (!isAdvisoryFileName(entry.name)) return false;
  if (isUnsafeName(entry.name)) {
    warnings.push({
      source: `${file}!${entry.name}`,
      code: 'ERR_ZIP_UNSAFE_PATH',
      message: 'archive entry has an absolute path or `..`; it is skipped',
    });
    return false;
  }
  if (entry.originalSize > limits.maxFileBytes) {
    warnings.push({
      source: `${file}!${entry.name}`,
      code: 'ERR_OSV_TOO_LARGE',
      message: `archive entry expands to ${entry.originalSize} bytes, over the limit of ${limits.maxFileBytes}; it is skipped`,
    });
    return false;
  }
  seen.bytes += entry.originalSize;
  if (seen.bytes > limits.maxTotalBytes)
    throw new InputError(
      'ERR_ZIP_LIMIT',
      `archive expands to more than ${limits.maxTotalBytes} bytes; refusing it as a possible zip bomb`,
      { file },
    );
  return true;
}

/**
 * Reads an archive laid out as osv.dev's per-ecosystem `all.zip`: one OSV
 * JSON file per entry. Throws InputError ERR_ZIP_UNREADABLE when the file
 * is not a zip archive, ERR_ZIP_LIMIT past the entry or size caps.
 */
export async function readOsvZip(
  file: string,
  limits: FeedLimits = {},
): Promise<AdvisoryBatch> {
  const checks: EntryChecks = {
    limits: { ...DEFAULT_FEED_LIMITS, ...limits },
    file,
    warnings: [],
    seen: { entries: 0, bytes: 0 },
  };
  const info = await stat(file);
  if (info.size > checks.limits.maxTotalBytes)
    throw new InputError(
      'ERR_ZIP_LIMIT',
      `archive is ${info.size} bytes, over the limit of ${checks.limits.maxTotalBytes}`,
      { file },
    );

  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(await readFile(file), {
      filter: (entry) => admitEntry(entry, checks),
    });
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(
      'ERR_ZIP_UNREADABLE',
      `not a readable zip archive (${(error as Error).message}); expected an OSV export such as all.zip`,
      { file, cause: error },
    );
  }

  const records: AdvisoryBatch['records'] = [];
  for (const name of Object.keys(entries).sort()) {
    const text = strFromU8(entries[name] as Uint8Array);
    appendAll(records, parseOsvText(text, `${file}!${name}`, checks.warnings));
  }
  return { records, warnings: checks.warnings, files: checks.seen.entries };
}
