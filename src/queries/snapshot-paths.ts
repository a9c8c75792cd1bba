/**
 * Paths through one snapshot's graph. Nodes are numbered roots first
 * (0..rootCount-1), then packages (see store/snapshot-graph.ts). Edges are
 * followed backwards from the target, so only its ancestors are visited.
 */
export interface SnapshotGraph {
  rootCount: number;
  /** parents[node] lists the nodes that depend on it. */
  parents: Map<number, number[]>;
}

/** Builds the parent lists from the stored flat [from, to, ...] edges. */
export function buildSnapshotGraph(
  rootCount: number,
  edges: readonly number[],
): SnapshotGraph {
  const parents = new Map<number, number[]>();
  for (let i = 0; i < edges.length; i += 2) {
    const from = edges[i]!;
    const to = edges[i + 1]!;
    const list = parents.get(to);
    if (list) list.push(from);
    else parents.set(to, [from]);
  }
  return { rootCount, parents };
}

/**
 * The shortest path from any root to any of `targets`, as node indices from
 * the root to the target; undefined when no root reaches them. Breadth-first
 * from the targets along parent edges: the first root met is nearest.
 */
export function shortestPath(
  graph: SnapshotGraph,
  targets: readonly number[],
): number[] | undefined {
  const next = new Map<number, number>();
  const queue: number[] = [];
  for (const t of targets) {
    if (!next.has(t)) {
      next.set(t, -1);
      queue.push(t);
    }
  }
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head]!;
    if (node < graph.rootCount) return walk(next, node);
    for (const parent of graph.parents.get(node) ?? []) {
      if (next.has(parent)) continue;
      next.set(parent, node);
      queue.push(parent);
    }
  }
  return undefined;
}

function walk(next: Map<number, number>, root: number): number[] {
  const path = [root];
  let node = next.get(root)!;
  while (node !== -1) {
    path.push(node);
    node = next.get(node)!;
  }
  return path;
}

export interface PathCount {
  /** Distinct simple paths from a root to a target, up to the cap. */
  count: number;
  /** True when counting stopped at the cap or the step budget. */
  capped: boolean;
}

export const PATH_COUNT_CAP = 1000;
const STEP_BUDGET = 200_000;

/**
 * Counts distinct simple paths (no node twice) from any root to any of
 * `targets`, stopping at `cap` paths or after a fixed number of steps so
 * that a dense graph cannot stall a query.
 */
export function countPaths(
  graph: SnapshotGraph,
  targets: readonly number[],
  cap = PATH_COUNT_CAP,
): PathCount {
  let count = 0;
  let steps = 0;
  const onPath = new Set<number>();
  const visit = (node: number): boolean => {
    if (++steps > STEP_BUDGET) return false;
    if (node < graph.rootCount) return ++count < cap;
    onPath.add(node);
    for (const parent of graph.parents.get(node) ?? []) {
      if (onPath.has(parent)) continue;
      if (!visit(parent)) {
        onPath.delete(node);
        return false;
      }
    }
    onPath.delete(node);
    return true;
  };
  let complete = true;
  for (const target of new Set(targets)) {
    if (!visit(target)) {
      complete = false;
      break;
    }
  }
  return { count, capped: !complete };
}
