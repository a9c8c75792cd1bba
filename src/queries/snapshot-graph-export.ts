import type { SbomGraph } from '../sbom/export/sbom-graph.js';
import type { QmDatabase } from '../store/database.js';
import { decodeEdges, type SnapshotRoot } from '../store/snapshot-graph.js';
import { findService } from './find-service.js';

/** A service's current snapshot for export, or why there is none. */
export interface SnapshotGraphExport {
  /** Null when the service has not been scanned yet. */
  graph: SbomGraph | null;
  snapshot: { id: number; takenAt: string; gitCommit: string | null } | null;
}

/**
 * Loads a service's current snapshot as roots, packages and edges. Node
 * indices become the keys: roots keep their stored key, packages get
 * `#<node>` (unique, never a root key's shape).
 */
export async function loadSnapshotGraph(
  db: QmDatabase,
  serviceRef: string,
): Promise<SnapshotGraphExport> {
  const service = await findService(db, serviceRef);
  const head = {
    namespace: service.namespace,
    name: service.name,
    owner: service.owner,
    ...(service.description ? { description: service.description } : {}),
  };
  if (service.current_snapshot_id === null) {
    return { graph: null, snapshot: null };
  }
  const row = await db
    .selectFrom('snapshots')
    .select(['id', 'taken_at', 'git_commit', 'roots', 'edges'])
    .where('id', '=', service.current_snapshot_id)
    .executeTakeFirstOrThrow();
  const roots = JSON.parse(row.roots) as SnapshotRoot[];
  const packages = await db
    .selectFrom('snapshot_packages as sp')
    .innerJoin('packages as p', 'p.id', 'sp.package_id')
    .select(['sp.node', 'sp.scope', 'sp.direct'])
    .select(['p.ecosystem', 'p.name', 'p.version', 'p.purl'])
    .where('sp.snapshot_id', '=', row.id)
    .orderBy('sp.node')
    .execute();

  const keyOf = (node: number) =>
    node < roots.length ? roots[node]!.key : `#${node}`;
  const flat = decodeEdges(row.edges);
  const edges: Array<[string, string]> = [];
  for (let i = 0; i + 1 < flat.length; i += 2) {
    edges.push([keyOf(flat[i]!), keyOf(flat[i + 1]!)]);
  }
  return {
    graph: {
      service: head,
      roots: roots.map((r) => ({
        key: r.key,
        name: r.name,
        path: r.path,
        ecosystem: r.ecosystem,
      })),
      packages: packages.map((p) => ({
        key: keyOf(p.node),
        ecosystem: p.ecosystem,
        name: p.name,
        version: p.version,
        purl: p.purl,
        scope: p.scope,
        direct: p.direct === 1,
      })),
      edges,
    },
    snapshot: { id: row.id, takenAt: row.taken_at, gitCommit: row.git_commit },
  };
}
