import type { QmDatabase } from '../database.js';
import { toIso } from '../services/write-snapshot.js';

export interface ScanErrorInput {
  scanId: number;
  service?: { namespace: string; name: string };
  repository?: string;
  file?: string;
  line?: number;
  /** Stable code, e.g. `ERR_LOCKFILE_VERSION`. */
  code: string;
  /** What came in, what was expected, what to do. */
  message: string;
  at?: Date | string;
}

/** Records a problem a scan met; the scan goes on with the next service. */
export async function recordScanError(
  db: QmDatabase,
  input: ScanErrorInput,
): Promise<void> {
  await db
    .insertInto('scan_errors')
    .values({
      scan_id: input.scanId,
      service_namespace: input.service?.namespace ?? null,
      service_name: input.service?.name ?? null,
      repository: input.repository ?? null,
      file: input.file ?? null,
      line: input.line ?? null,
      code: input.code,
      message: input.message,
      created_at: toIso(input.at ?? new Date()),
    })
    .execute();
}
