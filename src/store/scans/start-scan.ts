import type { QmDatabase } from '../database.js';
import { toIso } from '../services/write-snapshot.js';

/** Opens a scan record (status `running`) and returns its id. */
export async function startScan(
  db: QmDatabase,
  startedAt: Date | string = new Date(),
): Promise<number> {
  const row = await db
    .insertInto('scans')
    .values({ started_at: toIso(startedAt), status: 'running', counts: '{}' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
