import type { QmDatabase } from '../database.js';
import { toIso } from '../services/write-snapshot.js';

export type ScanStatus = 'running' | 'succeeded' | 'partial' | 'failed';

/** The counts a scan reports; free-form so the scan can add its own. */
export type ScanCounts = Record<string, number>;

export interface FinishScanInput {
  scanId: number;
  finishedAt?: Date | string;
  /** `partial` when some services failed and kept their previous snapshot. */
  status: Exclude<ScanStatus, 'running'>;
  counts: ScanCounts;
}

/** Closes a scan record with its outcome and counts. */
export async function finishScan(
  db: QmDatabase,
  input: FinishScanInput,
): Promise<void> {
  await db
    .updateTable('scans')
    .set({
      finished_at: toIso(input.finishedAt ?? new Date()),
      status: input.status,
      counts: JSON.stringify(input.counts),
    })
    .where('id', '=', input.scanId)
    .execute();
}
