import type { QmDatabase } from '../database.js';
import { toIso } from './write-snapshot.js';

export interface RetireVanishedRepositoriesInput {
  scanId: number;
  /** Absolute folders the scan covered completely. */
  under: readonly string[];
  /** Repositories that could not be read this time: their services stay. */
  keep: readonly string[];
  retiredAt: Date | string;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * Retires the services of repositories that lay under a scanned folder but
 * were not found this time (deleted or moved away). Rows stay for history.
 */
export async function retireVanishedRepositories(
  db: QmDatabase,
  input: RetireVanishedRepositoriesInput,
): Promise<number> {
  if (input.under.length === 0) return 0;
  let query = db
    .updateTable('services')
    .set({ retired_at: toIso(input.retiredAt) })
    .where('retired_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb('last_scan_id', 'is', null),
        eb('last_scan_id', '!=', input.scanId),
      ]),
    )
    .where((eb) =>
      eb.or(
        input.under.flatMap((folder) => [
          eb('repository', '=', folder),
          eb('repository', 'like', `${escapeLike(folder)}/%`),
        ]),
      ),
    );
  if (input.keep.length > 0)
    query = query.where('repository', 'not in', [...input.keep]);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}
