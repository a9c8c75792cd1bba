import { open, stat, type FileHandle } from 'node:fs/promises';
import { inflateRawSync } from 'node:zlib';
import { InputError } from '../../../core/errors.js';
import type { AdvisoryWarning } from '../../model.js';
import { BatchBuilder } from '../batch-builder.js';
import {
  DEFAULT_FEED_LIMITS,
  type AdvisoryBatch,
  type FeedLimits,
  type FeedStreamOptions,
} from '../types.js';
import { isAdvisoryFileName, parseOsvText } from './parse-text.js';
import {
  readEntryData,
  readZipDirectory,
  readZipEntries,
  ZipFormatError,
  type ZipDirectory,
  type ZipEntry,
} from './zip-reader.js';

/** Entries inflated together: enough for few reads, little memory. */
const WINDOW_ENTRIES = 256;
const WINDOW_BYTES = 8 << 20;

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
 * archive declares; inflating stops at the declared size, so a lying
 * header cannot expand further than what was allowed here.
 */
function admitEntry(entry: ZipEntry, checks: EntryChecks): boolean {
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
  // The stored size is capped too: it is what gets read into memory.
  const size = Math.max(entry.originalSize, entry.size);
  if (size > limits.maxFileBytes) {
    warnings.push({
      source: `${file}!${entry.name}`,
      code: 'ERR_OSV_TOO_LARGE',
      message: `archive entry expands to ${size} bytes, over the limit of ${limits.maxFileBytes}; it is skipped`,
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
  if (entry.compression !== 0 && entry.compression !== 8)
    throw new ZipFormatError(
      `entry ${entry.name} uses compression method ${entry.compression}; only stored and deflated entries are read`,
    );
  return true;
}

/** One bit per entry: admitted or not. */
type Admitted = Uint8Array;

function isAdmitted(admitted: Admitted, index: number): boolean {
  return ((admitted[index >> 3] ?? 0) & (1 << (index & 7))) !== 0;
}

/** Runs every guard once per entry, over the whole directory. */
async function admitEntries(
  handle: FileHandle,
  directory: ZipDirectory,
  checks: EntryChecks,
): Promise<Admitted> {
  const bits = Math.min(directory.entries, checks.limits.maxEntries + 1);
  const admitted = new Uint8Array(Math.ceil(bits / 8));
  for await (const entry of readZipEntries(handle, directory))
    if (admitEntry(entry, checks))
      admitted[entry.index >> 3] =
        (admitted[entry.index >> 3] ?? 0) | (1 << (entry.index & 7));
  return admitted;
}

/** The entry's text, or undefined (with a warning) when it lies. */
function expand(
  entry: ZipEntry,
  data: Buffer,
  checks: EntryChecks,
): string | undefined {
  if (entry.compression === 0)
    return data.toString('utf8', 0, Math.min(data.length, entry.originalSize));
  try {
    const maxOutputLength = Math.max(1, entry.originalSize);
    return inflateRawSync(data, { maxOutputLength }).toString('utf8');
  } catch (error) {
    // Past maxOutputLength zlib throws a RangeError; corrupt data, others.
    if (!(error instanceof RangeError)) throw error;
    checks.warnings.push({
      source: `${checks.file}!${entry.name}`,
      code: 'ERR_OSV_TOO_LARGE',
      message: `archive entry expands past the ${entry.originalSize} bytes its header declares; it is skipped`,
    });
    return undefined;
  }
}

interface Reading {
  handle: FileHandle;
  fileSize: number;
  checks: EntryChecks;
  batch: BatchBuilder;
}

/** Inflates and parses one window of entries, yielding full batches. */
async function* readWindow(
  window: readonly ZipEntry[],
  reading: Reading,
): AsyncGenerator<AdvisoryBatch> {
  const { handle, fileSize, checks, batch } = reading;
  const data = await readEntryData(handle, window, fileSize);
  for (const entry of window) {
    const text = expand(entry, data.get(entry.index) as Buffer, checks);
    data.delete(entry.index);
    if (text === undefined) continue;
    const source = `${checks.file}!${entry.name}`;
    batch.add(parseOsvText(text, source, checks.warnings), text.length);
    if (batch.full()) yield batch.take();
  }
}

async function* readAdmitted(
  directory: ZipDirectory,
  admitted: Admitted,
  reading: Reading,
): AsyncGenerator<AdvisoryBatch> {
  let window: ZipEntry[] = [];
  let windowBytes = 0;
  for await (const entry of readZipEntries(reading.handle, directory)) {
    if (!isAdmitted(admitted, entry.index)) continue;
    window.push(entry);
    windowBytes += entry.size;
    if (window.length < WINDOW_ENTRIES && windowBytes < WINDOW_BYTES) continue;
    yield* readWindow(window, reading);
    window = [];
    windowBytes = 0;
  }
  yield* readWindow(window, reading);
  yield reading.batch.take();
}

function unreadable(file: string, error: unknown): InputError {
  return new InputError(
    'ERR_ZIP_UNREADABLE',
    `not a readable zip archive (${(error as Error).message}); expected an OSV export such as all.zip`,
    { file, cause: error },
  );
}

/**
 * Reads an archive laid out as osv.dev's per-ecosystem `all.zip` (one OSV
 * JSON file per entry) in batches, in the archive's entry order. Every
 * entry is checked against the caps before the first batch: throws
 * InputError ERR_ZIP_LIMIT past the entry or size caps, ERR_ZIP_UNREADABLE
 * when the file is not a zip archive or (part-way) its data is corrupt.
 */
export async function* streamOsvZip(
  file: string,
  options: FeedStreamOptions = {},
): AsyncGenerator<AdvisoryBatch> {
  const limits = { ...DEFAULT_FEED_LIMITS, ...options.limits };
  const info = await stat(file);
  if (info.size > limits.maxTotalBytes)
    throw new InputError(
      'ERR_ZIP_LIMIT',
      `archive is ${info.size} bytes, over the limit of ${limits.maxTotalBytes}`,
      { file },
    );

  const handle = await open(file, 'r');
  const batch = new BatchBuilder(options);
  const checks = {
    limits,
    file,
    warnings: batch.warnings,
    seen: { entries: 0, bytes: 0 },
  };
  try {
    const directory = await readZipDirectory(handle, info.size);
    const admitted = await admitEntries(handle, directory, checks);
    batch.countFiles(checks.seen.entries);
    const reading = { handle, fileSize: info.size, checks, batch };
    yield* readAdmitted(directory, admitted, reading);
  } catch (error) {
    throw error instanceof InputError ? error : unreadable(file, error);
  } finally {
    await handle.close();
  }
}
