import { moduleLogger } from '../../core/log.js';
import type { QmDatabase } from '../../store/database.js';
import {
  findCurrentSnapshots,
  findSnapshotsWithFindings,
} from '../../store/advisories/find-current-snapshots.js';
import { readNamedPackages } from '../../store/advisories/read-vulnerabilities.js';
import { matchSnapshot, type MatchOptions } from './match-snapshot.js';

const log = moduleLogger('advisories.matching');

/** What a matching run did. */
export interface MatchSummary {
  snapshots: number;
  findings: number;
}

/**
 * Matches the current snapshot of every service not retired against every
 * stored advisory, rewriting their findings.
 */
export async function matchAll(
  db: QmDatabase,
  options: MatchOptions = {},
): Promise<MatchSummary> {
  const snapshots = await findCurrentSnapshots(db);
  let findings = 0;
  for (const id of snapshots) findings += await matchSnapshot(db, id, options);
  log.info({ snapshots: snapshots.length, findings }, 'matching finished');
  return { snapshots: snapshots.length, findings };
}

/**
 * Matches new or changed vulnerabilities: only the current snapshots that
 * hold a package they name, or that held a finding of them before.
 */
export async function matchVulnerabilities(
  db: QmDatabase,
  vulnerabilityIds: readonly string[],
  options: MatchOptions = {},
): Promise<MatchSummary> {
  if (vulnerabilityIds.length === 0) return { snapshots: 0, findings: 0 };
  const named = await readNamedPackages(db, vulnerabilityIds);
  const current = new Set(await findCurrentSnapshots(db, named));
  for (const id of await findSnapshotsWithFindings(db, vulnerabilityIds))
    current.add(id);
  let findings = 0;
  for (const id of current)
    findings += await matchSnapshot(db, id, options, vulnerabilityIds);
  return { snapshots: current.size, findings };
}
