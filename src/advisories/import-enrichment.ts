import { moduleLogger } from '../core/log.js';
import type { QmDatabase } from '../store/database.js';
import {
  replaceEpssScores,
  replaceKevEntries,
} from '../store/advisories/replace-enrichment.js';
import { readEpssScores } from './enrichment/epss.js';
import { readKevCatalog } from './enrichment/kev.js';
import { matchAll, type MatchSummary } from './matching/match-all.js';

const log = moduleLogger('advisories.enrichment');

/** Files to read: CISA's KEV JSON, and an EPSS CSV (or .csv.gz, or a folder of them). */
export interface EnrichmentSource {
  kev?: string;
  epss?: string;
}

export interface ImportEnrichmentResult {
  kevEntries?: number;
  epssScores?: number;
  /** The priorities recomputed with the new data (unless `match` is false). */
  matched?: MatchSummary;
}

/**
 * Stores KEV and EPSS data (each replaces what was stored before) and, unless
 * `match` is false, recomputes every current finding's priority with it.
 * Throws InputError ERR_KEV_FORMAT or ERR_EPSS_FORMAT for unreadable files.
 */
export async function importEnrichment(
  db: QmDatabase,
  source: EnrichmentSource,
  options: { match?: boolean } = {},
): Promise<ImportEnrichmentResult> {
  const kev = source.kev ? await readKevCatalog(source.kev) : undefined;
  const epss = source.epss ? await readEpssScores(source.epss) : undefined;
  const result: ImportEnrichmentResult = await db
    .transaction()
    .execute(async (tx) => ({
      kevEntries: kev ? await replaceKevEntries(tx, kev) : undefined,
      epssScores: epss ? await replaceEpssScores(tx, epss) : undefined,
    }));
  log.info(result, 'enrichment imported');
  if (options.match !== false) result.matched = await matchAll(db);
  return result;
}
