import path from 'node:path';
import type { Config } from '../../config/config.js';
import type { EcosystemName } from '../../core/model.js';
import type { QmDatabase } from '../../store/database.js';
import { importEnrichment } from '../import-enrichment.js';
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

/** `advisories import`: matched with the KEV and EPSS in the store. */
export async function importWithEnrichment(
  db: QmDatabase,
  paths: readonly string[],
): Promise<ImportCounts> {
  return importAdvisoryPaths(db, paths);
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
