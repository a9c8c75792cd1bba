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
 * Every node holding one of these packages, in the given snapshots (a map
 * from snapshot id to its service) or else in the current snapshots of
 * services not retired.
 *
 * For given snapshots the package index is read over the span of their
 * ids, (package, first id..last id), and the rows of snapshots outside the
 * set are dropped here: a chunk of a hundred snapshots and two thousand
 * affected packages is then two thousand index ranges, where naming each
 * (package, snapshot) pair was two hundred thousand lookups. Services come
 * from the map, so no row is joined.
 */
export async function readPackageUses(
  db: QmDatabase,
  packageIds: readonly number[],
  snapshots?: ReadonlyMap<number, number>,
): Promise<PackageUseRow[]> {
  if (packageIds.length === 0 || snapshots?.size === 0) return [];
  if (!snapshots) return readCurrentUses(db, packageIds);
  let first = Infinity;
  let last = -Infinity;
  for (const id of snapshots.keys()) {
    if (id < first) first = id;
    if (id > last) last = id;
  }
  const rows = await db
    .selectFrom('snapshot_packages as sp')
    .select(USE_COLUMNS)
    .where(memberOf(db, 'sp.package_id', packageIds, 'int'))
    .where('sp.snapshot_id', '>=', first)
    .where('sp.snapshot_id', '<=', last)
    .execute();
  const uses: PackageUseRow[] = [];
  for (const r of rows) {
    const serviceId = snapshots.get(r.snapshot_id);
    if (serviceId !== undefined) uses.push(toUse(r, serviceId));
  }
  return uses;
}

const USE_COLUMNS = [
  'sp.snapshot_id',
  'sp.node',
  'sp.package_id',
  'sp.scope',
  'sp.direct',
  'sp.depth',
  'sp.paths',
] as const;

async function readCurrentUses(
  db: QmDatabase,
  packageIds: readonly number[],
): Promise<PackageUseRow[]> {
  const rows = await db
    .selectFrom('snapshot_packages as sp')
    .innerJoin('services as s', 's.current_snapshot_id', 'sp.snapshot_id')
    .select('s.id as service_id')
    .select(USE_COLUMNS)
    .where('s.retired_at', 'is', null)
    .where(memberOf(db, 'sp.package_id', packageIds, 'int'))
    .execute();
  return rows.map((r) => toUse(r, r.service_id));
}

function toUse(
  r: {
    snapshot_id: number;
    node: number;
    package_id: number;
    scope: string;
    direct: number;
    depth: number | null;
    paths: number | null;
  },
  serviceId: number,
): PackageUseRow {
  return {
    snapshotId: r.snapshot_id,
    serviceId,
    node: r.node,
    packageId: r.package_id,
    scope: r.scope as Scope,
    direct: r.direct === 1,
    depth: r.depth,
    paths: r.paths,
  };
}
