import type { ServiceRecord } from '../../core/catalog.js';
import type { QmDatabase } from '../database.js';
import { toIso } from './write-snapshot.js';
import { upsertService } from './upsert-service.js';

export interface MarkServiceSeenInput {
  scanId: number | null;
  /** The service as discovery found it this time; its metadata is refreshed. */
  service: ServiceRecord;
  seenAt: Date | string;
}

/**
 * Records that a scan saw an unchanged service: refreshes its catalog data
 * (owner, tags, exposure may change without the dependencies changing),
 * its last-seen time and scan, and clears `retired_at`. No new snapshot.
 */
export async function markServiceSeen(
  db: QmDatabase,
  input: MarkServiceSeenInput,
): Promise<number> {
  return upsertService(db, {
    service: input.service,
    scanId: input.scanId,
    seenAt: toIso(input.seenAt),
  });
}
