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

/** Edges that close a cycle, found by an iterative depth-first walk. */
function backEdges(rootCount: number, children: number[][]): Set<number> {
  const state = new Uint8Array(children.length); // 0 new, 1 on stack, 2 done
  const back = new Set<number>();
  for (let root = 0; root < rootCount; root += 1) {
    if (state[root] !== 0) continue;
    const stack: Array<[number, number]> = [[root, 0]];
    state[root] = 1;
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as [number, number];
      const [node, next] = top;
      const child = children[node]?.[next];
      if (child === undefined) {
        state[node] = 2;
        stack.pop();
        continue;
      }
      top[1] += 1;
      if (state[child] === 1) back.add(node * children.length + child);
      else if (state[child] === 0) {
        state[child] = 1;
        stack.push([child, 0]);
      }
    }
  }
  return back;
}

/**
 * Path counts from the roots, each root counting once: a path ends at the
 * first root it reaches. Cycles (which npm and Maven graphs can hold)
 * are cut at the edges that close them, so every count is finite; the
 * counts are those of the graph without those edges, in topological order.
 */
function pathCounts(rootCount: number, children: number[][]): number[] {
  const size = children.length;
  const back = backEdges(rootCount, children);
  const forward = children.map((list, from) =>
    list.filter((to) => !back.has(from * size + to)),
  );
  const incoming = new Array<number>(size).fill(0);
  forward.forEach((list) =>
    list.forEach((to) => (incoming[to] = (incoming[to] ?? 0) + 1)),
  );
  const paths = new Array<number>(size).fill(0);
  for (let root = 0; root < rootCount; root += 1) paths[root] = 1;
  const queue: number[] = [];
  for (let node = 0; node < size; node += 1)
    if (incoming[node] === 0) queue.push(node);
  for (let head = 0; head < queue.length; head += 1) {
    const node = queue[head] as number;
    for (const to of forward[node] ?? []) {
      // A root (a reactor module, a workspace) starts its own paths: one
      // reaching it from another root is not a further path to what lies
      // below, as who-uses counts them too.
      if (to >= rootCount)
        paths[to] = Math.min(MAX_PATHS, (paths[to] ?? 0) + (paths[node] ?? 0));
      incoming[to] = (incoming[to] ?? 0) - 1;
      if (incoming[to] === 0) queue.push(to);
    }
  }
  return paths;
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
