import type { Scope } from '../../core/model.js';
import type { QmDatabase } from '../database.js';
import { memberOf } from '../bulk-sql.js';

/** One node of a snapshot holding a given package. */
export interface PackageUseRow {
  snapshotId: number;
  serviceId: number;
  node: number;
  packageId: number;
  scope: Scope;
  direct: boolean;
  /** Stored node metrics; `paths` is null for snapshots written before they were kept. */
  depth: number | null;
  paths: number | null;
}

/**
 * Every node holding one of these packages, in the given snapshots or else
 * in the current snapshots of services not retired.
 */
export async function readPackageUses(
  db: QmDatabase,
  packageIds: readonly number[],
  snapshotIds?: readonly number[],
): Promise<PackageUseRow[]> {
  if (packageIds.length === 0 || snapshotIds?.length === 0) return [];
  const base = snapshotIds
    ? db
        .selectFrom('snapshot_packages as sp')
        .innerJoin('snapshots as s', 's.id', 'sp.snapshot_id')
        .select('s.service_id')
        .where(memberOf(db, 'sp.snapshot_id', snapshotIds, 'int'))
    : db
        .selectFrom('snapshot_packages as sp')
        .innerJoin('services as s', 's.current_snapshot_id', 'sp.snapshot_id')
        .select('s.id as service_id')
        .where('s.retired_at', 'is', null);
  const rows = await base
    .select([
      'sp.snapshot_id',
      'sp.node',
      'sp.package_id',
      'sp.scope',
      'sp.direct',
      'sp.depth',
      'sp.paths',
    ])
    .where(memberOf(db, 'sp.package_id', packageIds, 'int'))
    .execute();
  return rows.map((r) => ({
    snapshotId: r.snapshot_id,
    serviceId: r.service_id,
    node: r.node,
    packageId: r.package_id,
    scope: r.scope as Scope,
    direct: r.direct === 1,
    depth: r.depth,
    paths: r.paths,
  }));
}
