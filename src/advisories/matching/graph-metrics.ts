/** How a package node sits in its snapshot's graph. */
export interface NodeMetrics {
  /** Fewest edges from a root (1 for a direct dependency); undefined when unreachable. */
  depth?: number;
  /** Distinct paths from the roots, capped at MAX_PATHS. */
  paths: number;
}

/** Path counts grow exponentially in wide graphs; past this they stop. */
export const MAX_PATHS = 1_000_000;

function adjacency(nodeCount: number, edges: ArrayLike<number>): number[][] {
  const children: number[][] = Array.from({ length: nodeCount }, () => []);
  for (let i = 0; i + 1 < edges.length; i += 2) {
    const from = edges[i] as number;
    const to = edges[i + 1] as number;
    if (from < nodeCount && to < nodeCount) children[from]?.push(to);
  }
  return children;
}

function depths(
  rootCount: number,
  children: number[][],
): Array<number | undefined> {
  const depth: Array<number | undefined> = new Array(children.length);
  const queue: number[] = [];
  for (let root = 0; root < rootCount; root += 1) {
    depth[root] = 0;
    queue.push(root);
  }
  for (let head = 0; head < queue.length; head += 1) {
    const node = queue[head] as number;
    for (const child of children[node] ?? []) {
      if (depth[child] !== undefined) continue;
      depth[child] = (depth[node] as number) + 1;
      queue.push(child);
    }
  }
  return depth;
}

/**
 * Path counts from the roots. Cycles (which npm and Maven graphs can hold)
 * are cut where a depth-first walk meets a node still on its stack, so
 * every count is finite.
 */
function pathCounts(rootCount: number, children: number[][]): number[] {
  const parents: number[][] = children.map(() => []);
  children.forEach((list, from) =>
    list.forEach((to) => parents[to]?.push(from)),
  );
  const count = new Array<number | undefined>(children.length);
  const onStack = new Uint8Array(children.length);
  const visit = (node: number): number => {
    const known = count[node];
    if (known !== undefined) return known;
    if (node < rootCount) return (count[node] = 1);
    onStack[node] = 1;
    let total = 0;
    for (const parent of parents[node] ?? []) {
      if (onStack[parent]) continue;
      total = Math.min(MAX_PATHS, total + visit(parent));
    }
    onStack[node] = 0;
    return (count[node] = total);
  };
  return children.map((_, node) => visit(node));
}

/**
 * Depth and path count of every node of a snapshot graph whose nodes are
 * numbered roots first (`0..rootCount-1`) and whose edges are the flat
 * `[from, to, ...]` list the store keeps.
 */
export function graphMetrics(
  nodeCount: number,
  rootCount: number,
  edges: ArrayLike<number>,
): NodeMetrics[] {
  const children = adjacency(nodeCount, edges);
  const depth = depths(rootCount, children);
  const paths = pathCounts(rootCount, children);
  return children.map((_, node) => ({
    depth: depth[node],
    paths: paths[node] ?? 0,
  }));
}
