import type { QmDatabase } from '../database.js';
import { memberOf } from '../bulk-sql.js';
import { advisoryTables } from './tables.js';

/** A stored finding as matching compares it with a fresh one. */
export interface StoredFinding {
  id: number;
  serviceId: number;
  snapshotId: number;
  packageId: number;
  vulnerabilityId: string;
  direct: number;
  depth: number | null;
  paths: number;
  scope: string;
  firstSeen: string;
  /** JSON text, as stored. */
  fixedVersions: string;
  severity: string;
  priority: string;
  points: number;
  /** The finding_reasons id of its priority reasons. */
  reasonsId: number;
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
  let query = db.selectFrom('findings as f').selectAll('f');
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
    serviceId: r.service_id,
    snapshotId: r.snapshot_id,
    packageId: r.package_id,
    vulnerabilityId: r.vulnerability_id,
    direct: r.direct,
    depth: r.depth,
    paths: r.paths,
    scope: r.scope,
    firstSeen: r.first_seen,
    fixedVersions: r.fixed_versions,
    severity: r.severity,
    priority: r.priority,
    points: r.points,
    reasonsId: r.reasons_id,
  }));
}
