import type { ServiceRecord } from '../../core/catalog.js';
import { moduleLogger } from '../../core/log.js';
import type { DependencyGraph } from '../../core/model.js';
import type { QmDatabase } from '../database.js';
import { chunk, rowsPerInsert } from '../dialect.js';
import { upsertPackages } from '../packages/upsert-packages.js';
import { encodeGraph } from '../snapshot-graph.js';
import { upsertService } from './upsert-service.js';

const log = moduleLogger('store.write-snapshot');

/** What a scan hands over for one service. */
export interface WriteSnapshotInput {
  scanId: number | null;
  service: ServiceRecord;
  /** The merged graph; keys unique, roots are the service's own manifests. */
  graph: DependencyGraph;
  /** Hash of the scan's inputs; equal hashes let later scans skip the work. */
  contentHash: string;
  gitCommit?: string;
  takenAt: Date | string;
}

export interface WriteSnapshotResult {
  serviceId: number;
  snapshotId: number;
  packageCount: number;
}

const SNAPSHOT_PACKAGE_COLUMNS = 10;

/**
 * Writes a new immutable snapshot for a service in one transaction and makes
 * it current. On any failure nothing is written and the previous snapshot
 * stays current.
 */
export async function writeSnapshot(
  db: QmDatabase,
  input: WriteSnapshotInput,
): Promise<WriteSnapshotResult> {
  const takenAt = toIso(input.takenAt);
  const result = await db.transaction().execute(async (trx) => {
    const serviceId = await upsertService(trx, {
      service: input.service,
      scanId: input.scanId,
      seenAt: takenAt,
    });
    const packageIds = await upsertPackages(trx, input.graph.packages);
    const encoded = encodeGraph(input.graph);

    const snapshot = await trx
      .insertInto('snapshots')
      .values({
        service_id: serviceId,
        scan_id: input.scanId,
        taken_at: takenAt,
        git_commit: input.gitCommit ?? null,
        content_hash: input.contentHash,
        package_count: input.graph.packages.length,
        edge_count: input.graph.edges.length,
        roots: JSON.stringify(encoded.roots),
        edges: JSON.stringify(encoded.edges),
        warnings: JSON.stringify(input.graph.warnings),
      })
      .returning('id')
      .executeTakeFirstOrThrow();

    const first = input.graph.roots.length;
    const rows = input.graph.packages.map((p, i) => ({
      snapshot_id: snapshot.id,
      node: first + i,
      package_id: packageIds.get(p.purl)!,
      scope: p.scope,
      direct: p.direct ? 1 : 0,
      source: p.source,
      declared: p.declared ?? null,
      file: p.file,
      line: p.line ?? null,
      skip_reason: p.skipReason ?? null,
    }));
    const size = rowsPerInsert(SNAPSHOT_PACKAGE_COLUMNS);
    for (const part of chunk(rows, size)) {
      await trx.insertInto('snapshot_packages').values(part).execute();
    }

    await trx
      .updateTable('services')
      .set({ current_snapshot_id: snapshot.id })
      .where('id', '=', serviceId)
      .execute();
    return { serviceId, snapshotId: snapshot.id, packageCount: rows.length };
  });
  log.debug({ service: input.service.name, ...result }, 'snapshot written');
  return result;
}

export function toIso(time: Date | string): string {
  return typeof time === 'string' ? time : time.toISOString();
}
