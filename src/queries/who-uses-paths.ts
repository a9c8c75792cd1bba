import type { QmDatabase } from '../store/database.js';
import { decodeEdges, type SnapshotRoot } from '../store/snapshot-graph.js';
import {
  buildSnapshotGraph,
  countPaths,
  shortestPath,
  type SnapshotGraph,
} from './snapshot-paths.js';
import { readNodeNames } from './path-names.js';
import type { WhoUsesService } from './who-uses.js';
import type { PageService } from './who-uses-read.js';

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
  roots: SnapshotRoot[];
}

/**
 * Adds, for each match of each listed service, its shortest path from a
 * root and the count of other paths (an empty path when no root reaches
 * it, which only a broken graph produces). The graphs come with the page
 * (`rows`, in the order of `services`); the names along every path take
 * one more query.
 */
export async function addPaths(
  db: QmDatabase,
  services: WhoUsesService[],
  rows: readonly PageService[],
  purlById: Map<number, string>,
): Promise<void> {
  const pending: PendingPath[] = [];
  rows.forEach((row, i) => {
    const service = services[i]!;
    const { roots, graph } = decodeGraph(row);
    for (const match of service.matches) {
      const targets = row.uses
        .filter((u) => purlById.get(u.package_id) === match.purl)
        .map((u) => u.node);
      const nodes = shortestPath(graph, targets) ?? [];
      const counted = countPaths(graph, targets);
      match.otherPaths = Math.max(0, counted.count - 1);
      match.otherPathsCapped = counted.capped;
      pending.push({ match, nodes, snapshotId: service.snapshotId, roots });
    }
  });
  const names = await loadNodeNames(db, pending);
  for (const { match, nodes, snapshotId, roots } of pending) {
    match.path = nodes.map((node) =>
      node < roots.length
        ? { name: roots[node]!.name, version: null, root: true }
        : names.get(`${snapshotId}:${node}`)!,
    );
  }
}

function decodeGraph(row: PageService): LoadedGraph {
  const roots = JSON.parse(row.roots!) as SnapshotRoot[];
  const edges = decodeEdges(row.edges!);
  return { roots, graph: buildSnapshotGraph(roots.length, edges) };
}

async function loadNodeNames(
  db: QmDatabase,
  pending: PendingPath[],
): Promise<Map<string, PathStep>> {
  const pairs = new Map<string, [number, number]>();
  for (const { nodes, snapshotId, roots } of pending) {
    for (const node of nodes) {
      if (node >= roots.length)
        pairs.set(`${snapshotId}:${node}`, [snapshotId, node]);
    }
  }
  const rows = await readNodeNames(db, [...pairs.values()]);
  const out = new Map<string, PathStep>();
  for (const row of rows) {
    out.set(`${row.snapshot_id}:${row.node}`, {
      name: row.name,
      version: row.version,
    });
  }
  return out;
}
