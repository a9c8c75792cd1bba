import type { Selectable } from 'kysely';
import { selectNodeNames } from '../store/bulk-sql.js';
import type { QmDatabase, ServicesTable } from '../store/database.js';
import { decodeEdges, type SnapshotRoot } from '../store/snapshot-graph.js';
import {
  buildSnapshotGraph,
  countPaths,
  shortestPath,
  type SnapshotGraph,
} from './snapshot-paths.js';
import type { WhoUsesService } from './who-uses.js';

/** One step of a dependency path; the first step is the service's root. */
export interface PathStep {
  name: string;
  version: string | null;
  /** True for the root (the service's own manifest). */
  root?: boolean;
}

/** From the root (first) to the matched package (last). */
export type DependencyPath = PathStep[];

interface LoadedGraph {
  roots: SnapshotRoot[];
  graph: SnapshotGraph;
}

interface PendingPath {
  match: WhoUsesService['matches'][number];
  nodes: number[];
  snapshotId: number;
}

interface Use {
  snapshot_id: number;
  node: number;
  package_id: number;
}

/**
 * Adds, for each match of each listed service, its shortest path from a
 * root and the count of other paths (an empty path when no root reaches
 * it, which only a broken graph produces). Reads the page's graphs in one query
 * and the names along every path in one more.
 */
export async function addPaths(
  db: QmDatabase,
  services: WhoUsesService[],
  usesByService: Map<number, Use[]>,
  rows: Selectable<ServicesTable>[],
  purlById: Map<number, string>,
): Promise<void> {
  const graphs = await loadGraphs(
    db,
    services.map((s) => s.snapshotId),
  );
  const pending: PendingPath[] = [];
  rows.forEach((row, i) => {
    const service = services[i]!;
    const loaded = graphs.get(service.snapshotId)!;
    const uses = usesByService.get(row.id)!;
    for (const match of service.matches) {
      const targets = uses
        .filter((u) => purlById.get(u.package_id) === match.purl)
        .map((u) => u.node);
      const nodes = shortestPath(loaded.graph, targets) ?? [];
      const counted = countPaths(loaded.graph, targets);
      match.otherPaths = Math.max(0, counted.count - 1);
      match.otherPathsCapped = counted.capped;
      pending.push({ match, nodes, snapshotId: service.snapshotId });
    }
  });
  const names = await loadNodeNames(db, pending);
  for (const { match, nodes, snapshotId } of pending) {
    const loaded = graphs.get(snapshotId)!;
    match.path = nodes.map((node) =>
      node < loaded.roots.length
        ? { name: loaded.roots[node]!.name, version: null, root: true }
        : names.get(`${snapshotId}:${node}`)!,
    );
  }
}

async function loadGraphs(
  db: QmDatabase,
  snapshotIds: number[],
): Promise<Map<number, LoadedGraph>> {
  const out = new Map<number, LoadedGraph>();
  if (snapshotIds.length === 0) return out;
  const rows = await db
    .selectFrom('snapshots')
    .select(['id', 'roots', 'edges'])
    .where('id', 'in', snapshotIds)
    .execute();
  for (const row of rows) {
    const roots = JSON.parse(row.roots) as SnapshotRoot[];
    const edges = decodeEdges(row.edges);
    out.set(row.id, { roots, graph: buildSnapshotGraph(roots.length, edges) });
  }
  return out;
}

async function loadNodeNames(
  db: QmDatabase,
  pending: { nodes: number[]; snapshotId: number }[],
): Promise<Map<string, PathStep>> {
  const pairs = new Map<string, [number, number]>();
  for (const { nodes, snapshotId } of pending) {
    for (const node of nodes)
      pairs.set(`${snapshotId}:${node}`, [snapshotId, node]);
  }
  const rows = await selectNodeNames(db, [...pairs.values()]);
  const out = new Map<string, PathStep>();
  for (const row of rows) {
    out.set(`${row.snapshot_id}:${row.node}`, {
      name: row.name,
      version: row.version,
    });
  }
  return out;
}
