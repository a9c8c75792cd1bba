import type { QmDatabase } from '../database.js';
import { toIso } from './write-snapshot.js';

export interface RetireUnseenServicesInput {
  scanId: number;
  /** The repository the scan read completely. */
  repository: string;
  retiredAt: Date | string;
}

/**
 * Marks retired the services of `repository` that this scan did not see.
 * Rows and snapshots are kept for history. Call it only after the scan read
 * the whole repository; a partial read would retire services by mistake.
 * Returns how many services were retired.
 */
export async function retireUnseenServices(
  db: QmDatabase,
  input: RetireUnseenServicesInput,
): Promise<number> {
  const result = await db
    .updateTable('services')
    .set({ retired_at: toIso(input.retiredAt) })
    .where('repository', '=', input.repository)
    .where('retired_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb('last_scan_id', 'is', null),
        eb('last_scan_id', '!=', input.scanId),
      ]),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
