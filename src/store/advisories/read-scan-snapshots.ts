import type { QmDatabase } from '../database.js';
import { advisoryTables } from './tables.js';

/**
 * The snapshots a scan wrote that are still current, when any advisory is
 * stored (with none, there is nothing to match them against).
 */
export async function readSnapshotsToMatch(
  store: QmDatabase,
  scanId: number,
): Promise<number[]> {
  const db = advisoryTables(store);
  const any = await db
    .selectFrom('advisories')
    .select('id')
    .limit(1)
    .executeTakeFirst();
  if (!any) return [];
  const rows = await db
    .selectFrom('snapshots as sn')
    .innerJoin('services as s', 's.current_snapshot_id', 'sn.id')
    .select('sn.id')
    .where('sn.scan_id', '=', scanId)
    .execute();
  return rows.map((r) => r.id);
}
