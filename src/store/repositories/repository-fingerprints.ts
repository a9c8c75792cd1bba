import type { QmDatabase } from '../database.js';
import { toIso } from '../services/write-snapshot.js';

/** The fingerprint recorded by the last complete scan of `root`, if any. */
export async function readRepositoryFingerprint(
  db: QmDatabase,
  root: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('repositories')
    .select('fingerprint')
    .where('root', '=', root)
    .executeTakeFirst();
  return row?.fingerprint;
}

/** Records (or forgets, with `undefined`) the fingerprint of a repository. */
export async function saveRepositoryFingerprint(
  db: QmDatabase,
  root: string,
  fingerprint: string | undefined,
): Promise<void> {
  if (fingerprint === undefined) {
    await db.deleteFrom('repositories').where('root', '=', root).execute();
    return;
  }
  const scannedAt = toIso(new Date());
  await db
    .insertInto('repositories')
    .values({ root, fingerprint, scanned_at: scannedAt })
    .onConflict((oc) =>
      oc.column('root').doUpdateSet({ fingerprint, scanned_at: scannedAt }),
    )
    .execute();
}

/**
 * Marks every live service of an unchanged repository as seen by this scan,
 * in one statement, so that it is neither re-read nor retired. Returns how
 * many services that was.
 */
export async function markRepositorySeen(
  db: QmDatabase,
  input: { root: string; scanId: number; seenAt: Date },
): Promise<number> {
  const result = await db
    .updateTable('services')
    .set({ last_scan_id: input.scanId, last_seen: toIso(input.seenAt) })
    .where('repository', '=', input.root)
    .where('retired_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * Whether `root` has services retired (it vanished from an earlier scan):
 * if it is back with unchanged files, its fingerprint matches but its
 * services must come back, so it is read again.
 */
export async function hasRetiredServices(
  db: QmDatabase,
  root: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('services')
    .select('id')
    .where('repository', '=', root)
    .where('retired_at', 'is not', null)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
