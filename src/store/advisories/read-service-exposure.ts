import type { Exposure } from '../../core/catalog.js';
import type { QmDatabase } from '../database.js';
import { memberOf } from '../bulk-sql.js';

/** The stored exposure flags of these services, by service id. */
export async function readServiceExposures(
  db: QmDatabase,
  serviceIds: readonly number[],
): Promise<Map<number, Exposure>> {
  if (serviceIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('services')
    .select(['id', 'internet_facing', 'user_data', 'payment_path'])
    .where(memberOf(db, 'id', serviceIds, 'int'))
    .execute();
  return new Map(
    rows.map((row) => [
      row.id,
      {
        internetFacing: row.internet_facing === 1,
        userData: row.user_data === 1,
        paymentPath: row.payment_path === 1,
      },
    ]),
  );
}
