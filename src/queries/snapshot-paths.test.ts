import { describe, expect, test } from 'vitest';
import {
  buildSnapshotGraph,
  countPaths,
  PATH_COUNT_CAP,
  shortestPath,
} from './snapshot-paths.js';

/**
 * A chain of `k` diamonds below root 0: each diamond splits into two
 * nodes and joins again, so the bottom node has exactly 2^k paths.
 * Returns the flat edges and the bottom node.
 */
function diamondChain(k: number): { edges: number[]; bottom: number } {
  const edges: number[] = [];
  let top = 0;
  let next = 1;
  for (let i = 0; i < k; i++) {
    const [left, right, join] = [next, next + 1, next + 2];
    edges.push(top, left, top, right, left, join, right, join);
    top = join;
    next += 3;
  }
  return { edges, bottom: top };
}

/** Plain forward BFS from every root: the length of the shortest path. */
function bfsDistance(
  rootCount: number,
  edges: number[],
  target: number,
): number | undefined {
  const distance = new Map<number, number>();
  const queue: number[] = [];
  for (let r = 0; r < rootCount; r++) {
    distance.set(r, 0);
    queue.push(r);
  }
  while (queue.length > 0) {
    const node = queue.shift()!;
    for (let i = 0; i < edges.length; i += 2) {
      if (edges[i] !== node || distance.has(edges[i + 1]!)) continue;
      distance.set(edges[i + 1]!, distance.get(node)! + 1);
      queue.push(edges[i + 1]!);
    }
  }
  return distance.get(target);
}

function isPath(edges: number[], path: number[]): boolean {
  return path.slice(1).every((to, i) => {
    for (let e = 0; e < edges.length; e += 2) {
      if (edges[e] === path[i] && edges[e + 1] === to) return true;
    }
    return false;
  });
}

/** Plain recursive enumeration of simple paths from node 0 (one root). */
function enumeratePaths(edges: number[], target: number): number {
  const walk = (node: number, seen: Set<number>): number => {
    if (node === target) return 1;
    let total = 0;
    for (let i = 0; i < edges.length; i += 2) {
      const child = edges[i + 1]!;
      if (edges[i] !== node || seen.has(child)) continue;
      seen.add(child);
      total += walk(child, seen);
      seen.delete(child);
    }
    return total;
  };
  return walk(0, new Set([0]));
}

/** A small random graph (seeded), with or without back edges. */
function randomGraph(seed: number, backEdges: boolean): number[] {
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const edges: number[] = [];
  for (let node = 1; node < 12; node++) {
    const parents = 1 + Math.floor(next() * 3);
    for (let p = 0; p < parents; p++)
      edges.push(Math.floor(next() * node), node);
  }
  if (backEdges) edges.push(10, 3, 8, 2);
  return edges;
}

describe('paths in a snapshot graph', () => {
  test.each([1, 2, 3, 4, 5, 6, 7, 8])(
    'count as many paths as a plain enumeration in random graph %i',
    (seed) => {
      for (const backEdges of [false, true]) {
        const edges = randomGraph(seed, backEdges);
        const graph = buildSnapshotGraph(1, edges);

        const counted = countPaths(graph, [11]);

        expect(counted.count).toBe(enumeratePaths(edges, 11));
      }
    },
  );

  test.each([1, 3, 6, 9])('count 2^k paths through %i diamonds', (k) => {
    const { edges, bottom } = diamondChain(k);
    const graph = buildSnapshotGraph(1, edges);

    const counted = countPaths(graph, [bottom]);

    expect(counted).toEqual({ count: 2 ** k, capped: false });
  });

  test('stop counting at the cap', () => {
    const { edges, bottom } = diamondChain(11);
    const graph = buildSnapshotGraph(1, edges);

    const counted = countPaths(graph, [bottom]);

    expect(counted).toEqual({ count: PATH_COUNT_CAP, capped: true });
  });

  // Graphs as flat [from, to, ...] edges; the expected length comes from
  // bfsDistance above, a forward search that shares no code with the query.
  const cases: [string, number, number[], number][] = [
    ['a diamond', 1, [0, 1, 0, 2, 1, 3, 2, 3], 3],
    ['a cycle on the way', 1, [0, 1, 1, 2, 2, 1, 2, 3], 3],
    ['two roots', 2, [0, 2, 2, 3, 3, 4, 1, 5, 5, 4], 4],
    ['a long and a short branch', 1, [0, 1, 1, 2, 2, 3, 3, 4, 0, 5, 5, 4], 4],
  ];
  test.each(cases)(
    'find the shortest path through %s',
    (_, rootCount, edges, target) => {
      const graph = buildSnapshotGraph(rootCount, edges);

      const path = shortestPath(graph, [target])!;

      expect(path[0]).toBeLessThan(rootCount);
      expect(path.at(-1)).toBe(target);
      expect(isPath(edges, path)).toBe(true);
      expect(path.length - 1).toBe(bfsDistance(rootCount, edges, target));
    },
  );

  test('find no path to a node no root reaches', () => {
    const graph = buildSnapshotGraph(1, [0, 1, 2, 3, 3, 2]);

    expect(shortestPath(graph, [3])).toBeUndefined();
    expect(countPaths(graph, [3])).toEqual({ count: 0, capped: false });
  });

  test('count simple paths around a cycle once each', () => {
    // root 0 → 1 → 2 → 3 and 2 → 1 (cycle), 0 → 3: by hand, 0→3 and 0→1→2→3.
    const graph = buildSnapshotGraph(1, [0, 1, 1, 2, 2, 3, 2, 1, 0, 3]);

    expect(countPaths(graph, [3])).toEqual({ count: 2, capped: false });
  });
});
