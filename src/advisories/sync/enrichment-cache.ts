import { copyFile, mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { InputError } from '../../core/errors.js';
import { readEpssScores } from '../enrichment/epss.js';
import { readKevCatalog } from '../enrichment/kev.js';
import type { Enrichment } from '../enrichment/types.js';
import { downloadConditionally, type DownloadPolicy } from './http-download.js';

/**
 * KEV and EPSS kept under `<cacheDir>/enrichment/` as `kev.json` and
 * `epss.csv` or `epss.csv.gz`. A new copy is read with the enrichment
 * readers before it replaces the cached one.
 */
export interface EnrichmentSources {
  /** A URL or a local file of CISA's KEV JSON. */
  kev?: string;
  /** A URL or a local file of FIRST's EPSS CSV (plain or .gz). */
  epss?: string;
}

/** What was cached: counts read, and the cached file for importEnrichment. */
export interface EnrichmentSyncResult {
  kev?: { entries: number; file: string };
  epss?: { scores: number; file: string };
}

const isUrl = (location: string) => /^https?:\/\//i.test(location);

function folder(cacheDir: string): string {
  return path.join(cacheDir, 'enrichment');
}

async function fetchTo(
  location: string,
  target: string,
  policy: DownloadPolicy,
): Promise<void> {
  if (!isUrl(location)) {
    const info = await stat(location).catch(() => undefined);
    if (!info?.isFile())
      throw new InputError(
        'ERR_ENRICHMENT_SOURCE',
        `enrichment source "${location}" is neither a readable file nor an http(s) URL; give one of those`,
        { file: location },
      );
    await copyFile(location, target);
    return;
  }
  const result = await downloadConditionally(location, {}, policy);
  if (result.status === 'downloaded') await writeFile(target, result.body);
}

async function replace<T>(
  location: string,
  target: string,
  read: (file: string) => Promise<T>,
  policy: DownloadPolicy,
): Promise<T> {
  const partial = `${target}.partial${path.extname(target)}`;
  try {
    await fetchTo(location, partial, policy);
    const value = await read(partial);
    await rename(partial, target);
    return value;
  } finally {
    await rm(partial, { force: true });
  }
}

function epssName(location: string): string {
  return /\.gz($|\?)/i.test(location) ? 'epss.csv.gz' : 'epss.csv';
}

/** Fetches or copies KEV and EPSS into the cache, checked before use. */
export async function syncEnrichment(
  cacheDir: string,
  sources: EnrichmentSources,
  policy: DownloadPolicy = {},
): Promise<EnrichmentSyncResult> {
  await mkdir(folder(cacheDir), { recursive: true });
  const result: EnrichmentSyncResult = {};
  if (sources.kev) {
    const target = path.join(folder(cacheDir), 'kev.json');
    const kev = await replace(sources.kev, target, readKevCatalog, policy);
    result.kev = { entries: kev.entries.size, file: target };
  }
  if (sources.epss) {
    const name = epssName(sources.epss);
    const target = path.join(folder(cacheDir), name);
    const scores = await replace(sources.epss, target, readEpssScores, policy);
    // Only one EPSS copy may stay, or an old one would outlive the new.
    const other = name === 'epss.csv' ? 'epss.csv.gz' : 'epss.csv';
    await rm(path.join(folder(cacheDir), other), { force: true });
    result.epss = { scores: scores.size, file: target };
  }
  return result;
}

/**
 * The cached enrichment, or undefined when nothing was ever synced (so
 * matching falls back to whatever else it knows).
 */
export async function loadCachedEnrichment(
  cacheDir: string,
): Promise<Enrichment | undefined> {
  const dir = folder(cacheDir);
  const kevFile = path.join(dir, 'kev.json');
  const enrichment: Enrichment = {};
  if (await stat(kevFile).catch(() => undefined))
    enrichment.kev = await readKevCatalog(kevFile);
  for (const name of ['epss.csv.gz', 'epss.csv']) {
    const file = path.join(dir, name);
    if (!(await stat(file).catch(() => undefined))) continue;
    enrichment.epss = await readEpssScores(file);
    break;
  }
  return enrichment.kev || enrichment.epss ? enrichment : undefined;
}
