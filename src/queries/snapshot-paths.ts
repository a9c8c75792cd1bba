/**
 * Paths through one snapshot's graph. Nodes are numbered roots first
 * (0..rootCount-1), then packages (see store/snapshot-graph.ts). Edges are
 * followed backwards from the target, so only its ancestors are visited.
 */
export interface SnapshotGraph {
  rootCount: number;
  /** Parents of node n are parents[offsets[n] .. offsets[n+1]). */
  offsets: Int32Array;
  parents: Int32Array;
}

/** Builds parent lists (compressed rows) from flat [from, to, ...] edges. */
export function buildSnapshotGraph(
  rootCount: number,
  edges: ArrayLike<number>,
): SnapshotGraph {
  let nodeCount = rootCount;
  for (let i = 0; i < edges.length; i++) {
    if (edges[i]! >= nodeCount) nodeCount = edges[i]! + 1;
  }
  const offsets = new Int32Array(nodeCount + 1);
  for (let i = 1; i < edges.length; i += 2) offsets[edges[i]! + 1]! += 1;
  for (let n = 0; n < nodeCount; n++) offsets[n + 1]! += offsets[n]!;
  const fill = offsets.slice(0, nodeCount);
  const parents = new Int32Array(edges.length >> 1);
  for (let i = 0; i < edges.length; i += 2) {
    parents[fill[edges[i + 1]!]!++] = edges[i]!;
  }
  return { rootCount, offsets, parents };
}

function parentsOf(graph: SnapshotGraph, node: number): Int32Array {
  if (node + 1 >= graph.offsets.length) return new Int32Array(0);
  return graph.parents.subarray(graph.offsets[node], graph.offsets[node + 1]);
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
    for (const parent of parentsOf(graph, node)) {
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
// Per match: a page of 50 services must stay within the query's budget.
const STEP_BUDGET = 20_000;

/**
 * Counts distinct simple paths (no node twice) from any root to any of
 * `targets`, up to `cap`. When the target's ancestors hold no cycle, every
 * path is simple and a memoised sum over parents counts them in linear
 * time; otherwise paths are enumerated, within a step budget so that a
 * dense graph cannot stall a query.
 */
export function countPaths(
  graph: SnapshotGraph,
  targets: readonly number[],
  cap = PATH_COUNT_CAP,
): PathCount {
  const unique = [...new Set(targets)];
  return (
    countAcyclic(graph, unique, cap) ?? countByEnumeration(graph, unique, cap)
  );
}

// Depth-first over ancestors, summing parents' counts; undefined on a cycle.
function countAcyclic(
  graph: SnapshotGraph,
  targets: number[],
  cap: number,
): PathCount | undefined {
  const counts = new Map<number, number>();
  const active = new Set<number>();
  const stack: number[] = [];
  for (const target of targets) stack.push(target);
  while (stack.length > 0) {
    const node = stack[stack.length - 1]!;
    if (counts.has(node)) {
      stack.pop();
      continue;
    }
    if (node < graph.rootCount) {
      counts.set(node, 1);
      stack.pop();
      continue;
    }
    if (!active.has(node)) {
      active.add(node);
      for (const parent of parentsOf(graph, node)) {
        if (active.has(parent)) return undefined;
        if (!counts.has(parent)) stack.push(parent);
      }
      continue;
    }
    let sum = 0;
    for (const parent of parentsOf(graph, node)) sum += counts.get(parent)!;
    counts.set(node, Math.min(sum, cap));
    active.delete(node);
    stack.pop();
  }
  let total = 0;
  for (const target of targets) total += counts.get(target)!;
  return { count: Math.min(total, cap), capped: total >= cap };
}

function countByEnumeration(
  graph: SnapshotGraph,
  targets: number[],
  cap: number,
): PathCount {
  let count = 0;
  let steps = 0;
  const onPath = new Set<number>();
  const visit = (node: number): boolean => {
    if (++steps > STEP_BUDGET) return false;
    if (node < graph.rootCount) return ++count < cap;
    onPath.add(node);
    for (const parent of parentsOf(graph, node)) {
      if (onPath.has(parent)) continue;
      if (!visit(parent)) {
        onPath.delete(node);
        return false;
      }
    }
    onPath.delete(node);
    return true;
  };
  for (const target of targets) {
    if (!visit(target)) return { count, capped: true };
  }
  return { count, capped: false };
}
