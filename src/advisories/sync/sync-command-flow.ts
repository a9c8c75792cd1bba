import path from 'node:path';
import type { Config } from '../../config/config.js';
import type { EcosystemName } from '../../core/model.js';
import type { QmDatabase } from '../../store/database.js';
import { matchAll } from '../matching/match-all.js';
import {
  loadCachedEnrichment,
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

/** `advisories import`: the given paths, matched with cached KEV and EPSS. */
export async function importWithEnrichment(
  db: QmDatabase,
  config: Config,
  paths: readonly string[],
): Promise<ImportCounts> {
  const enrichment = await loadCachedEnrichment(cacheDirOf(config));
  return importAdvisoryPaths(db, paths, { enrichment });
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
 * `advisories sync`: KEV and EPSS first (so the import ranks with them),
 * then the OSV exports; when enrichment changed, every current snapshot
 * is matched again so priorities take it in.
 */
export async function runSync(
  db: QmDatabase,
  config: Config,
  request: SyncRequest,
): Promise<SyncReport> {
  const cacheDir = cacheDirOf(config);
  const enrichmentResult = await syncEnrichment(cacheDir, request);
  const enrichment = await loadCachedEnrichment(cacheDir);
  const result = await syncAdvisories(db, {
    cacheDir,
    ecosystems: request.ecosystems,
    baseUrl: request.baseUrl ?? config.advisories.baseUrl,
    offline: request.offline,
    enrichment,
  });
  const changed = Boolean(enrichmentResult.kev || enrichmentResult.epss);
  return {
    ...result,
    enrichment: enrichmentResult,
    rematched: changed ? await matchAll(db, { enrichment }) : undefined,
  };
}
