import type { QmDatabase } from '../store/database.js';

/** The current snapshot id of the service named `name`, read straight from the table. */
export function currentSnapshot(db: QmDatabase, name: string) {
  return db
    .selectFrom('services')
    .select('current_snapshot_id')
    .where('name', '=', name)
    .executeTakeFirstOrThrow();
}
