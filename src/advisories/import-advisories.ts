import { moduleLogger } from '../core/log.js';
import type { QmDatabase } from '../store/database.js';
import { regroupVulnerabilities } from '../store/advisories/regroup-vulnerabilities.js';
import { upsertAdvisoryRecords } from '../store/advisories/upsert-advisory-records.js';
import { deleteFindingsOf } from '../store/advisories/write-findings.js';
import { matchVulnerabilities } from './matching/match-all.js';
import type { MatchOptions } from './matching/match-all.js';
import type { AdvisoryWarning } from './model.js';
import { osvFeed } from './sources/osv/index.js';
import type { FeedLimits } from './sources/types.js';

const log = moduleLogger('advisories.import');

/** Where to import from: a folder, an OSV file, or an osv.dev zip export. */
export interface AdvisorySource {
  path: string;
  limits?: FeedLimits;
}

export interface ImportAdvisoriesOptions extends MatchOptions {
  /** Match the changed vulnerabilities against current snapshots (default true). */
  match?: boolean;
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
  /** Snapshots matched again (only those naming a changed package). */
  snapshots: number;
  /** Findings written by the incremental match (0 when not matching). */
  findings: number;
  warnings: AdvisoryWarning[];
}

/**
 * Imports OSV advisories into the store: records newer than the stored
 * copy replace it, alias groups are recomputed, and (unless `match` is
 * false) only the snapshots holding a package the changed vulnerabilities
 * name are matched again. Throws InputError for an unreadable source.
 */
export async function importAdvisories(
  db: QmDatabase,
  source: AdvisorySource | string,
  options: ImportAdvisoriesOptions = {},
): Promise<ImportAdvisoriesResult> {
  const { path, limits } =
    typeof source === 'string' ? { path: source, limits: undefined } : source;
  const batch = await osvFeed.read(path, limits);
  for (const warning of batch.warnings) log.warn(warning, 'advisory skipped');

  const stored = await db.transaction().execute(async (tx) => {
    const upserted = await upsertAdvisoryRecords(
      tx,
      batch.records,
      options.now,
    );
    const groups = await regroupVulnerabilities(
      tx,
      upserted.written,
      upserted.previousGroups,
    );
    await deleteFindingsOf(tx, groups.removed);
    return { upserted, groups };
  });
  const matched =
    options.match === false
      ? { snapshots: 0, findings: 0 }
      : await matchVulnerabilities(db, stored.groups.current, options);

  log.info(
    { path, written: stored.upserted.written.length },
    'advisories imported',
  );
  return {
    files: batch.files,
    records: batch.records.length,
    written: stored.upserted.written.length,
    unchanged: stored.upserted.unchanged,
    vulnerabilities: stored.groups.current.length,
    snapshots: matched.snapshots,
    findings: matched.findings,
    warnings: batch.warnings,
  };
}
