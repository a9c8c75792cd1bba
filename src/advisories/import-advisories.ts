import { appendAll } from '../core/arrays.js';
import { moduleLogger } from '../core/log.js';
import type { QmDatabase } from '../store/database.js';
import { regroupVulnerabilities } from '../store/advisories/regroup-vulnerabilities.js';
import { refreshStatistics } from '../store/refresh-statistics.js';
import { upsertAdvisoryRecords } from '../store/advisories/upsert-advisory-records.js';
import { deleteFindingsOf } from '../store/advisories/write-findings.js';
import { countVulnerabilities } from '../store/advisories/count-vulnerabilities.js';
import { matchAll, matchVulnerabilities } from './matching/match-all.js';
import type { AdvisoryWarning } from './model.js';
import { osvFeed } from './sources/osv/index.js';
import type { AdvisoryBatch, FeedLimits } from './sources/types.js';

const log = moduleLogger('advisories.import');

/** Past this many changed vulnerabilities, one full match is cheaper. */
const FULL_MATCH_CHANGED = 2_000;
/** ... or past this share of the stored ones. */
const FULL_MATCH_SHARE = 0.2;

// Derived from the call, so this file follows the matcher's own options.
type MatchOptions = NonNullable<Parameters<typeof matchVulnerabilities>[2]>;

/** Where to import from: a folder, an OSV file, or an osv.dev zip export. */
export interface AdvisorySource {
  path: string;
  limits?: FeedLimits;
}

export interface ImportAdvisoriesOptions extends MatchOptions {
  /** Match the changed vulnerabilities against current snapshots (default true). */
  match?: boolean;
  /**
   * Records per batch (default 2,000): each batch is read, stored and
   * regrouped in its own transaction, which bounds the import's memory.
   */
  batchRecords?: number;
}

/** What an import did; the shape `advisories import --json` prints. */
export interface ImportAdvisoriesResult {
  /** Files or archive entries looked at. */
  files: number;
  /** Records read. */
  records: number;
  /** Records stored (new, or newer than the stored copy). */
  written: number;
  /** Records skipped because the stored copy is as new. */
  unchanged: number;
  /** Vulnerabilities created or changed. */
  vulnerabilities: number;
  /**
   * Snapshots matched again: those naming a changed package, or every
   * current one when so many vulnerabilities changed that a full match ran.
   */
  snapshots: number;
  /** Findings written by the match (0 when not matching). */
  findings: number;
  warnings: AdvisoryWarning[];
}

/**
 * Vulnerabilities an import touched: the last word on each id wins, since
 * a later batch may merge away a group an earlier one made, or remake it.
 */
class ChangedVulnerabilities {
  private readonly state = new Map<string, boolean>();

  add(current: readonly string[], removed: readonly string[]): void {
    for (const id of removed) this.state.set(id, false);
    for (const id of current) this.state.set(id, true);
  }

  current(): string[] {
    return [...this.state].filter(([, live]) => live).map(([id]) => id);
  }
}

async function storeBatch(
  db: QmDatabase,
  batch: AdvisoryBatch,
  now: string | undefined,
) {
  return db.transaction().execute(async (tx) => {
    const upserted = await upsertAdvisoryRecords(tx, batch.records, now);
    const groups = await regroupVulnerabilities(tx, {
      written: upserted.records,
      previousGroups: upserted.previousGroups,
    });
    await deleteFindingsOf(tx, groups.removed);
    return { upserted, groups };
  });
}

/** A full match once when many changed, else only the changed ones. */
async function matchChanged(
  db: QmDatabase,
  changed: readonly string[],
  options: ImportAdvisoriesOptions,
) {
  if (options.match === false || changed.length === 0)
    return { snapshots: 0, findings: 0 };
  // Only whether the changed ones exceed the share matters: count no further.
  const enough = Math.ceil(changed.length / FULL_MATCH_SHARE) + 1;
  const stored = await countVulnerabilities(db, enough);
  if (
    changed.length > FULL_MATCH_CHANGED ||
    changed.length > stored * FULL_MATCH_SHARE
  ) {
    log.debug({ changed: changed.length, stored }, 'matching everything');
    return matchAll(db, options);
  }
  return matchVulnerabilities(db, changed, options);
}

/**
 * Imports OSV advisories into the store, a batch at a time: records newer
 * than the stored copy replace it and alias groups are recomputed (against
 * the whole store, so aliases meet across batches). Then, unless `match`
 * is false, the snapshots holding a package the changed vulnerabilities
 * name are matched again, or every current snapshot when many changed.
 * Throws InputError for an unreadable source; batches stored before a
 * source turned out corrupt part-way stay stored.
 */
export async function importAdvisories(
  db: QmDatabase,
  source: AdvisorySource | string,
  options: ImportAdvisoriesOptions = {},
): Promise<ImportAdvisoriesResult> {
  const { path, limits } =
    typeof source === 'string' ? { path: source, limits: undefined } : source;
  const totals = { files: 0, records: 0, written: 0, unchanged: 0 };
  const warnings: AdvisoryWarning[] = [];
  const changed = new ChangedVulnerabilities();
  const batches = osvFeed.stream(path, {
    limits,
    batchRecords: options.batchRecords,
  });
  for await (const batch of batches) {
    for (const warning of batch.warnings) log.warn(warning, 'advisory skipped');
    appendAll(warnings, batch.warnings);
    totals.files += batch.files;
    totals.records += batch.records.length;
    if (batch.records.length === 0) continue;
    const stored = await storeBatch(db, batch, options.now);
    totals.written += stored.upserted.written.length;
    totals.unchanged += stored.upserted.unchanged;
    changed.add(stored.groups.current, stored.groups.removed);
  }

  await refreshStatistics(db, {
    tables: [
      'advisories',
      'advisory_ids',
      'advisory_packages',
      'vulnerabilities',
    ],
    changedRows: totals.written,
  });
  const current = changed.current();
  const matched = await matchChanged(db, current, options);
  log.info({ path, written: totals.written }, 'advisories imported');
  return {
    ...totals,
    vulnerabilities: current.length,
    snapshots: matched.snapshots,
    findings: matched.findings,
    warnings,
  };
}
