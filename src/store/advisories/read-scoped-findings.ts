import type { QmDatabase } from '../database.js';
import { memberOf } from '../bulk-sql.js';
import { advisoryTables } from './tables.js';

/** A stored finding as matching compares it with a fresh one. */
export interface StoredFinding {
  id: number;
  snapshotId: number;
  packageId: number;
  vulnerabilityId: string;
  firstSeen: string;
  /** Hash of its facts (see matching/facts-hash.ts); null for older rows. */
  factsHash: string | null;
}

/**
 * The findings a match may rewrite: those of the given snapshots, or of the
 * current snapshots of services not retired; with `vulnerabilityIds`, only
 * theirs.
 */
export async function readScopedFindings(
  store: QmDatabase,
  scope: {
    snapshotIds?: readonly number[];
    vulnerabilityIds?: readonly string[];
  },
): Promise<StoredFinding[]> {
  const db = advisoryTables(store);
  if (scope.snapshotIds?.length === 0 || scope.vulnerabilityIds?.length === 0)
    return [];
  let query = db
    .selectFrom('findings as f')
    .select([
      'f.id',
      'f.snapshot_id',
      'f.package_id',
      'f.vulnerability_id',
      'f.first_seen',
      'f.facts_hash',
    ]);
  if (scope.snapshotIds)
    query = query.where(
      memberOf(store, 'f.snapshot_id', scope.snapshotIds, 'int'),
    );
  else
    query = query.where('f.snapshot_id', 'in', (eb) =>
      eb
        .selectFrom('services as s')
        .select('s.current_snapshot_id')
        .where('s.current_snapshot_id', 'is not', null)
        .where('s.retired_at', 'is', null),
    ) as typeof query;
  if (scope.vulnerabilityIds)
    query = query.where(
      memberOf(store, 'f.vulnerability_id', scope.vulnerabilityIds, 'text'),
    );
  const rows = await query.execute();
  return rows.map((r) => ({
    id: r.id,
    snapshotId: r.snapshot_id,
    packageId: r.package_id,
    vulnerabilityId: r.vulnerability_id,
    firstSeen: r.first_seen,
    factsHash: r.facts_hash,
  }));
}
