import type { Exposure } from '../../core/catalog.js';
import type { QmDatabase } from '../database.js';

/** A service's exposure flags as stored; undefined for an unknown id. */
export async function readServiceExposure(
  db: QmDatabase,
  serviceId: number,
): Promise<Exposure | undefined> {
  const row = await db
    .selectFrom('services')
    .select(['internet_facing', 'user_data', 'payment_path'])
    .where('id', '=', serviceId)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    internetFacing: row.internet_facing === 1,
    userData: row.user_data === 1,
    paymentPath: row.payment_path === 1,
  };
}
