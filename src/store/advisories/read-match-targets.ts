import type { QmDatabase } from '../database.js';
import { memberOf } from '../bulk-sql.js';

/** A snapshot that matching writes findings for, and its service. */
export interface MatchTarget {
  snapshotId: number;
  serviceId: number;
  /** True when it is its service's current snapshot. */
  current: boolean;
  /** Package entries of the snapshot: what reading its uses may cost. */
  packageCount: number;
}

/**
 * The snapshots a match covers: the given ones (whatever their state), or
 * else the current snapshot of every service not retired. Ids that do not
 * exist are left out; the caller reports them.
 */
export async function readMatchTargets(
  db: QmDatabase,
  snapshotIds?: readonly number[],
): Promise<MatchTarget[]> {
  if (!snapshotIds) {
    const rows = await db
      .selectFrom('services as s')
      .innerJoin('snapshots as sn', 'sn.id', 's.current_snapshot_id')
      .select(['s.id', 's.current_snapshot_id', 'sn.package_count'])
      .where('s.retired_at', 'is', null)
      .orderBy('s.current_snapshot_id')
      .execute();
    return rows.map((r) => ({
      snapshotId: r.current_snapshot_id as number,
      serviceId: r.id,
      current: true,
      packageCount: r.package_count,
    }));
  }
  if (snapshotIds.length === 0) return [];
  const rows = await db
    .selectFrom('snapshots as sn')
    .innerJoin('services as s', 's.id', 'sn.service_id')
    .select([
      'sn.id',
      'sn.service_id',
      's.current_snapshot_id',
      'sn.package_count',
    ])
    .where(memberOf(db, 'sn.id', snapshotIds, 'int'))
    .orderBy('sn.id')
    .execute();
  return rows.map((r) => ({
    snapshotId: r.id,
    serviceId: r.service_id,
    current: r.current_snapshot_id === r.id,
    packageCount: r.package_count,
  }));
}
