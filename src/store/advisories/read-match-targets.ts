import type { QmDatabase } from '../database.js';
import { memberOf } from '../bulk-sql.js';

/** A snapshot that matching writes findings for, and its service. */
export interface MatchTarget {
  snapshotId: number;
  serviceId: number;
  /** True when it is its service's current snapshot. */
  current: boolean;
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
      .selectFrom('services')
      .select(['id', 'current_snapshot_id'])
      .where('current_snapshot_id', 'is not', null)
      .where('retired_at', 'is', null)
      .execute();
    return rows.map((r) => ({
      snapshotId: r.current_snapshot_id as number,
      serviceId: r.id,
      current: true,
    }));
  }
  if (snapshotIds.length === 0) return [];
  const rows = await db
    .selectFrom('snapshots as sn')
    .innerJoin('services as s', 's.id', 'sn.service_id')
    .select(['sn.id', 'sn.service_id', 's.current_snapshot_id'])
    .where(memberOf(db, 'sn.id', snapshotIds, 'int'))
    .execute();
  return rows.map((r) => ({
    snapshotId: r.id,
    serviceId: r.service_id,
    current: r.current_snapshot_id === r.id,
  }));
}
