import type { QmDatabase } from '../database.js';

export interface ServiceRef {
  namespace: string;
  name: string;
}

/** What a scan needs to decide whether a service changed. */
export interface CurrentSnapshotInfo {
  serviceId: number;
  snapshotId: number;
  contentHash: string;
  retired: boolean;
}

/**
 * The content hash of a service's current snapshot, or undefined when the
 * service is unknown or has no snapshot yet. One indexed read.
 */
export async function readContentHash(
  db: QmDatabase,
  ref: ServiceRef,
): Promise<CurrentSnapshotInfo | undefined> {
  const row = await db
    .selectFrom('services as s')
    .innerJoin('snapshots as sn', 'sn.id', 's.current_snapshot_id')
    .select([
      's.id as serviceId',
      'sn.id as snapshotId',
      'sn.content_hash as contentHash',
      's.retired_at as retiredAt',
    ])
    .where('s.namespace', '=', ref.namespace)
    .where('s.name', '=', ref.name)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    serviceId: row.serviceId,
    snapshotId: row.snapshotId,
    contentHash: row.contentHash,
    retired: row.retiredAt !== null,
  };
}
