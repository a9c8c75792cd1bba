import type { QmDatabase } from '../store/database.js';
import { readSnapshotsToMatch } from '../store/advisories/read-scan-snapshots.js';
import type { MatchSummary } from '../advisories/matching/match-all.js';

/**
 * Matches the snapshots a scan wrote against the stored advisories, so that
 * `vulns` is current right after a scan. Does nothing (and loads no
 * matching code) while no advisory has been imported.
 */
export async function matchNewSnapshots(
  db: QmDatabase,
  scanId: number,
): Promise<MatchSummary | undefined> {
  const snapshotIds = await readSnapshotsToMatch(db, scanId);
  if (snapshotIds.length === 0) return undefined;
  const { matchSnapshots } =
    await import('../advisories/matching/match-all.js');
  return matchSnapshots(db, snapshotIds);
}
