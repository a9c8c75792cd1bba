import type { ServiceRecord } from '../../core/catalog.js';
import { moduleLogger } from '../../core/log.js';
import { graphMetrics } from '../../core/graph-metrics.js';
import type { DependencyGraph } from '../../core/model.js';
import type { QmDatabase } from '../database.js';
import { bulkInsert, type BulkColumn } from '../bulk-sql.js';
import { upsertPackages } from '../packages/upsert-packages.js';
import { encodeEdges, encodeGraph } from '../snapshot-graph.js';
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

const SNAPSHOT_PACKAGE_COLUMNS: BulkColumn[] = [
  { name: 'snapshot_id', type: 'int' },
  { name: 'node', type: 'int' },
  { name: 'package_id', type: 'int' },
  { name: 'scope', type: 'text' },
  { name: 'direct', type: 'int' },
  { name: 'source', type: 'text' },
  { name: 'declared', type: 'text' },
  { name: 'file', type: 'text' },
  { name: 'line', type: 'int' },
  { name: 'skip_reason', type: 'text' },
  { name: 'depth', type: 'int' },
  { name: 'paths', type: 'int' },
];

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
        package_versions: new Set(packageIds.values()).size,
        edge_count: input.graph.edges.length,
        ecosystems: JSON.stringify(
          [...new Set(input.graph.packages.map((p) => p.ecosystem))].sort(),
        ),
        roots: JSON.stringify(encoded.roots),
        edges: encodeEdges(encoded.edges),
        warnings: JSON.stringify(input.graph.warnings),
      })
      .returning('id')
      .executeTakeFirstOrThrow();

    const first = input.graph.roots.length;
    const metrics = graphMetrics(
      first + input.graph.packages.length,
      first,
      encoded.edges,
    );
    const rows = input.graph.packages.map((p, i) => [
      snapshot.id,
      first + i,
      packageIds.get(p.purl)!,
      p.scope,
      p.direct ? 1 : 0,
      p.source,
      p.declared ?? null,
      p.file,
      p.line ?? null,
      p.skipReason ?? null,
      metrics[first + i]?.depth ?? null,
      metrics[first + i]?.paths ?? 0,
    ]);
    await bulkInsert(trx, {
      table: 'snapshot_packages',
      columns: SNAPSHOT_PACKAGE_COLUMNS,
      rows,
    });

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
