import type { QmDatabase } from '../store/database.js';
import { findService } from './find-service.js';

export interface SnapshotEntry {
  id: number;
  takenAt: string;
  scanId: number | null;
  gitCommit: string | null;
  contentHash: string;
  packageCount: number;
  current: boolean;
}

/** The `--json` shape of `quartermaster history`. */
export interface ServiceHistoryResult {
  service: { namespace: string; name: string; retiredAt: string | null };
  /** Newest first. */
  snapshots: SnapshotEntry[];
}

/** Every snapshot a service has had, newest first. */
export async function serviceHistory(
  db: QmDatabase,
  service: string,
): Promise<ServiceHistoryResult> {
  const row = await findService(db, service);
  const snapshots = await db
    .selectFrom('snapshots')
    .select([
      'id',
      'taken_at',
      'scan_id',
      'git_commit',
      'content_hash',
      'package_count',
    ])
    .where('service_id', '=', row.id)
    .orderBy('taken_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return {
    service: {
      namespace: row.namespace,
      name: row.name,
      retiredAt: row.retired_at,
    },
    snapshots: snapshots.map((s) => ({
      id: s.id,
      takenAt: s.taken_at,
      scanId: s.scan_id,
      gitCommit: s.git_commit,
      contentHash: s.content_hash,
      packageCount: s.package_count,
      current: s.id === row.current_snapshot_id,
    })),
  };
}
