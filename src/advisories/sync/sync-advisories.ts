import { stat } from 'node:fs/promises';
import { QuartermasterError } from '../../core/errors.js';
import { moduleLogger } from '../../core/log.js';
import type { EcosystemName } from '../../core/model.js';
import type { QmDatabase } from '../../store/database.js';
import type { Enrichment } from '../enrichment/types.js';
import type { FeedLimits } from '../sources/types.js';
import {
  cachedZipPath,
  readCacheEntry,
  writeCacheEntry,
} from './feed-cache.js';
import { downloadConditionally, type DownloadPolicy } from './http-download.js';
import { importAdvisoryPaths, type ImportCounts } from './import-counted.js';
import { inventoryEcosystems } from './inventory-ecosystems.js';
import { checkArchive } from './zip-check.js';

const log = moduleLogger('advisories.sync');

/** osv.dev's public export bucket: `<base>/<Ecosystem>/all.zip`. */
export const DEFAULT_OSV_BASE_URL =
  'https://osv-vulnerabilities.storage.googleapis.com';

export interface SyncAdvisoriesOptions {
  /** Where downloads and their validators are kept. */
  cacheDir: string;
  /** Default: the ecosystems of the current snapshots. */
  ecosystems?: readonly EcosystemName[];
  baseUrl?: string;
  /** Import the cached archives only; no network. */
  offline?: boolean;
  download?: DownloadPolicy;
  limits?: FeedLimits;
  enrichment?: Enrichment;
}

/**
 * What happened to one ecosystem: `downloaded` (new archive, imported),
 * `not-modified` (304), `cached` (offline, cached archive imported),
 * `missing` (offline, nothing cached), `failed` (cached copy kept).
 */
export interface EcosystemSync {
  ecosystem: string;
  status: 'downloaded' | 'not-modified' | 'cached' | 'missing' | 'failed';
  counts?: ImportCounts;
  error?: { code: string; message: string };
}

export interface SyncAdvisoriesResult {
  ecosystems: EcosystemSync[];
}

async function importZip(
  db: QmDatabase,
  zip: string,
  options: SyncAdvisoriesOptions,
): Promise<ImportCounts> {
  return importAdvisoryPaths(db, [{ path: zip, limits: options.limits }], {
    enrichment: options.enrichment,
  });
}

async function syncOne(
  db: QmDatabase,
  ecosystem: string,
  options: SyncAdvisoriesOptions,
): Promise<EcosystemSync> {
  const zip = cachedZipPath(options.cacheDir, ecosystem);
  const hasZip = Boolean(await stat(zip).catch(() => undefined));
  if (options.offline) {
    if (!hasZip) return { ecosystem, status: 'missing' };
    return {
      ecosystem,
      status: 'cached',
      counts: await importZip(db, zip, options),
    };
  }

  const cached = hasZip
    ? await readCacheEntry(options.cacheDir, ecosystem)
    : undefined;
  const base = (options.baseUrl ?? DEFAULT_OSV_BASE_URL).replace(/\/+$/, '');
  const url = `${base}/${encodeURIComponent(ecosystem)}/all.zip`;
  const result = await downloadConditionally(
    url,
    { etag: cached?.etag, lastModified: cached?.lastModified },
    options.download,
  );
  if (result.status === 'not-modified')
    return { ecosystem, status: 'not-modified' };

  checkArchive(result.body, url, options.limits);
  await writeCacheEntry(options.cacheDir, ecosystem, result.body, {
    ...result.validators,
    fetchedAt: new Date().toISOString(),
    bytes: result.body.byteLength,
  });
  log.info({ ecosystem, bytes: result.body.byteLength }, 'feed downloaded');
  return {
    ecosystem,
    status: 'downloaded',
    counts: await importZip(db, zip, options),
  };
}

/**
 * Brings the advisories of each ecosystem up to date from osv.dev's
 * exports: a conditional download per ecosystem, a checked archive
 * replacing the cached one, then an import that keeps only records newer
 * than the stored ones. One ecosystem failing leaves the others going.
 */
export async function syncAdvisories(
  db: QmDatabase,
  options: SyncAdvisoriesOptions,
): Promise<SyncAdvisoriesResult> {
  const ecosystems = options.ecosystems ?? (await inventoryEcosystems(db));
  const out: EcosystemSync[] = [];
  for (const ecosystem of ecosystems) {
    try {
      out.push(await syncOne(db, ecosystem, options));
    } catch (error) {
      if (!(error instanceof QuartermasterError)) throw error;
      log.warn({ ecosystem, err: error }, 'feed sync failed; cache kept');
      out.push({
        ecosystem,
        status: 'failed',
        error: { code: error.code, message: error.message },
      });
    }
  }
  return { ecosystems: out };
}
