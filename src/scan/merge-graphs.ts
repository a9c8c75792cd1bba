import type {
  DependencyGraph,
  GraphEdge,
  GraphPackage,
  GraphRoot,
} from '../core/model.js';
import { appendAll } from '../core/arrays.js';

/** The part of one extracted graph that belongs to a service. */
export interface GraphShare {
  graph: DependencyGraph;
  /** Root keys of `graph` the service owns. */
  rootKeys: readonly string[];
}

function reachableFrom(
  graph: DependencyGraph,
  rootKeys: readonly string[],
): Set<string> {
  const children = new Map<string, string[]>();
  for (const edge of graph.edges) {
    const list = children.get(edge.from);
    if (list) list.push(edge.to);
    else children.set(edge.from, [edge.to]);
  }
  const seen = new Set<string>(rootKeys);
  const queue = [...rootKeys];
  for (let i = 0; i < queue.length; i++) {
    for (const child of children.get(queue[i]!) ?? []) {
      if (!seen.has(child)) {
        seen.add(child);
        queue.push(child);
      }
    }
  }
  return seen;
}

/**
 * Merges the shares of several graphs into one service graph. Keys are
 * prefixed with the share's index so two lockfiles never collide. A share
 * that owns every root of its graph keeps all its packages (orphans
 * included); a partial share keeps what its roots reach, and `direct` is
 * recomputed from its own roots.
 */
export function mergeGraphs(shares: readonly GraphShare[]): DependencyGraph {
  const merged: DependencyGraph = {
    roots: [],
    packages: [],
    edges: [],
    files: [],
    warnings: [],
  };
  shares.forEach((share, index) => {
    const prefix = `${index}:`;
    const { graph } = share;
    const owned = new Set(share.rootKeys);
    const whole = graph.roots.every((r) => owned.has(r.key));
    const keep = whole ? undefined : reachableFrom(graph, share.rootKeys);
    const directKeys = whole
      ? undefined
      : new Set(graph.edges.filter((e) => owned.has(e.from)).map((e) => e.to));

    const roots: GraphRoot[] = graph.roots
      .filter((r) => owned.has(r.key))
      .map((r) => ({ ...r, key: prefix + r.key }));
    const packages: GraphPackage[] = graph.packages
      .filter((p) => !keep || keep.has(p.key))
      .map((p) => ({
        ...p,
        key: prefix + p.key,
        direct: directKeys ? directKeys.has(p.key) : p.direct,
      }));
    const edges: GraphEdge[] = graph.edges
      .filter((e) => !keep || (keep.has(e.from) && keep.has(e.to)))
      .map((e) => ({ ...e, from: prefix + e.from, to: prefix + e.to }));

    appendAll(merged.roots, roots);
    appendAll(merged.packages, packages);
    appendAll(merged.edges, edges);
    appendAll(merged.files, graph.files);
    appendAll(merged.warnings, graph.warnings);
  });
  merged.files = [...new Set(merged.files)].sort();
  return merged;
}
