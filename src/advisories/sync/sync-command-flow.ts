import path from 'node:path';
import type { Config } from '../../config/config.js';
import type { EcosystemName } from '../../core/model.js';
import type { QmDatabase } from '../../store/database.js';
import { findEnrichmentFiles } from '../enrichment/find-files.js';
import { importEnrichment } from '../import-enrichment.js';
import { matchAll } from '../matching/match-all.js';
import {
  syncEnrichment,
  type EnrichmentSources,
  type EnrichmentSyncResult,
} from './enrichment-cache.js';
import { importAdvisoryPaths, type ImportCounts } from './import-counted.js';
import {
  syncAdvisories,
  type SyncAdvisoriesResult,
} from './sync-advisories.js';

/** The cache folder: `advisories.cacheDir`, else `.quartermaster/cache`. */
export function cacheDirOf(config: Config): string {
  return config.advisories.cacheDir ?? path.join('.quartermaster', 'cache');
}

/** What `advisories import` did: the OSV counts, and KEV and EPSS when read. */
export interface ImportReport extends ImportCounts {
  enrichment?: {
    kev?: { file: string; entries: number };
    epss?: { location: string; scores: number };
  };
}

/**
 * `advisories import`: KEV and EPSS first (given, or found beside the
 * advisories by their published names), stored without matching; then the
 * OSV records, matched incrementally; then, when KEV or EPSS was stored,
 * every current snapshot once more, since they move priorities everywhere.
 */
export async function importWithEnrichment(
  db: QmDatabase,
  paths: readonly string[],
  given: { kev?: string; epss?: string } = {},
): Promise<ImportReport> {
  const found = await findEnrichmentFiles(paths);
  const kev = given.kev ?? found.kev;
  const epss = given.epss ?? found.epss;
  const stored =
    kev || epss
      ? await importEnrichment(db, { kev, epss }, { match: false })
      : undefined;
  const counts: ImportReport = await importAdvisoryPaths(db, paths);
  if (!stored) return counts;
  const matched = await matchAll(db);
  counts.snapshots = matched.snapshots;
  counts.findings = matched.findings;
  counts.enrichment = {
    kev: kev ? { file: kev, entries: stored.kevEntries ?? 0 } : undefined,
    epss: epss ? { location: epss, scores: stored.epssScores ?? 0 } : undefined,
  };
  return counts;
}

export interface SyncRequest extends EnrichmentSources {
  ecosystems?: EcosystemName[];
  baseUrl?: string;
  offline?: boolean;
}

/** The `--json` shape of `advisories sync`. */
export interface SyncReport extends SyncAdvisoriesResult {
  enrichment: EnrichmentSyncResult;
  /** Snapshots matched again because KEV or EPSS changed. */
  rematched?: { snapshots: number; findings: number };
}

/**
 * `advisories sync`: KEV and EPSS first, stored with importEnrichment
 * (which matches every current snapshot again), so the OSV import that
 * follows ranks with them too.
 */
export async function runSync(
  db: QmDatabase,
  config: Config,
  request: SyncRequest,
): Promise<SyncReport> {
  const cacheDir = cacheDirOf(config);
  const cached = await syncEnrichment(cacheDir, request);
  const changed = Boolean(cached.kev || cached.epss);
  // Stored KEV and EPSS are what every later match ranks with.
  const enrichment = changed
    ? await importEnrichment(db, {
        kev: cached.kev?.file,
        epss: cached.epss?.file,
      })
    : undefined;
  const result = await syncAdvisories(db, {
    cacheDir,
    ecosystems: request.ecosystems,
    baseUrl: request.baseUrl ?? config.advisories.baseUrl,
    offline: request.offline,
  });
  return {
    ...result,
    enrichment: cached,
    rematched: enrichment?.matched,
  };
}
