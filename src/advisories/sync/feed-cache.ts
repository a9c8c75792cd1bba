import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Validators } from './http-download.js';

/**
 * The download cache: `<cacheDir>/<Ecosystem>/all.zip` beside `meta.json`
 * (validators and fetch time). A new archive is written to a temporary
 * file and renamed over the old one only after it was checked, so a
 * broken download never replaces a good cached copy.
 */
export interface CacheEntry extends Validators {
  fetchedAt: string;
  bytes: number;
}

/** A folder name safe for any ecosystem name (`crates.io` stays as is). */
function folderOf(cacheDir: string, ecosystem: string): string {
  return path.join(cacheDir, ecosystem.replace(/[^A-Za-z0-9._-]/g, '_'));
}

export function cachedZipPath(cacheDir: string, ecosystem: string): string {
  return path.join(folderOf(cacheDir, ecosystem), 'all.zip');
}

/** The cache entry, or undefined when nothing (or nothing readable) is cached. */
export async function readCacheEntry(
  cacheDir: string,
  ecosystem: string,
): Promise<CacheEntry | undefined> {
  const file = path.join(folderOf(cacheDir, ecosystem), 'meta.json');
  const text = await readFile(file, 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as CacheEntry;
  } catch {
    return undefined; // a damaged meta.json only costs a full download
  }
}

/** Replaces the cached archive and its meta data, atomically per file. */
export async function writeCacheEntry(
  cacheDir: string,
  ecosystem: string,
  body: Uint8Array,
  entry: CacheEntry,
): Promise<string> {
  const folder = folderOf(cacheDir, ecosystem);
  await mkdir(folder, { recursive: true });
  const zip = path.join(folder, 'all.zip');
  await writeFile(`${zip}.partial`, body);
  await rename(`${zip}.partial`, zip);
  const meta = path.join(folder, 'meta.json');
  await writeFile(`${meta}.partial`, JSON.stringify(entry, null, 2));
  await rename(`${meta}.partial`, meta);
  return zip;
}
