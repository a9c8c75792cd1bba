import { moduleLogger } from '../../core/log.js';
import type { QmDatabase } from '../../store/database.js';
import { rematch, type MatchOptions, type MatchSummary } from './rematch.js';

export type { MatchOptions, MatchScope, MatchSummary } from './rematch.js';

const log = moduleLogger('advisories.matching');

/**
 * Matches the current snapshot of every service not retired against every
 * stored advisory, writing only the findings that changed.
 */
export async function matchAll(
  db: QmDatabase,
  options: MatchOptions = {},
): Promise<MatchSummary> {
  const summary = await rematch(db, {}, options);
  log.info(summary, 'matching finished');
  return summary;
}

/**
 * Matches new or changed vulnerabilities: only the packages they name, in
 * the current snapshots that hold them or held a finding of them before.
 */
export async function matchVulnerabilities(
  db: QmDatabase,
  vulnerabilityIds: readonly string[],
  options: MatchOptions = {},
): Promise<MatchSummary> {
  if (vulnerabilityIds.length === 0)
    return { snapshots: 0, findings: 0, written: 0, removed: 0 };
  return rematch(db, { vulnerabilityIds }, options);
}

/**
 * Matches snapshots (a scan's new ones) against every stored advisory; with
 * `vulnerabilityIds`, against those only.
 */
export async function matchSnapshots(
  db: QmDatabase,
  snapshotIds: readonly number[],
  options: MatchOptions = {},
  vulnerabilityIds?: readonly string[],
): Promise<MatchSummary> {
  if (snapshotIds.length === 0)
    return { snapshots: 0, findings: 0, written: 0, removed: 0 };
  return rematch(db, { snapshotIds, vulnerabilityIds }, options);
}

/**
 * Matches one snapshot and returns the number of its findings (see
 * matchSnapshots). Throws NotFoundError ERR_SNAPSHOT_NOT_FOUND.
 */
export async function matchSnapshot(
  db: QmDatabase,
  snapshotId: number,
  options: MatchOptions = {},
  vulnerabilityIds?: readonly string[],
): Promise<number> {
  const summary = await matchSnapshots(
    db,
    [snapshotId],
    options,
    vulnerabilityIds,
  );
  return summary.findings;
}
