import { describe, expect, it } from 'vitest';
import { graphMetrics, MAX_PATHS } from './graph-metrics.js';

describe('graphMetrics', () => {
  it('gives depth and path counts of a diamond, counted by hand', () => {
    // root 0 → a 1, root 0 → b 2, a → c 3, b → c 3, c → d 4
    const edges = [0, 1, 0, 2, 1, 3, 2, 3, 3, 4];

    const metrics = graphMetrics(5, 1, edges);

    expect(metrics.map((m) => [m.depth, m.paths])).toEqual([
      [0, 1],
      [1, 1],
      [1, 1],
      [2, 2],
      [3, 2],
    ]);
  });

  it('stays finite on a cycle and marks unreachable nodes', () => {
    // root 0 → a 1 → b 2 → a 1; c 3 is unreachable
    const metrics = graphMetrics(4, 1, [0, 1, 1, 2, 2, 1]);

    expect(metrics.map((m) => [m.depth, m.paths])).toEqual([
      [0, 1],
      [1, 1],
      [2, 1],
      [undefined, 0],
    ]);
  });

  it('caps path counts', () => {
    // 25 layers of two nodes each, fully joined: 2^25 paths to the end.
    const edges: number[] = [0, 1, 0, 2];
    for (let layer = 0; layer < 24; layer += 1) {
      const a = 1 + layer * 2;
      for (const from of [a, a + 1]) edges.push(from, a + 2, from, a + 3);
    }

    const metrics = graphMetrics(51, 1, edges);

    expect(metrics[50]?.paths).toBe(MAX_PATHS);
  });

  it('ends a path at the first root it reaches, as who-uses counts', () => {
    // Two reactor modules, roots 0 and 1; module 0 depends on module 1,
    // both depend on lib 2, and 2 → 3. Paths to 3: 0→2→3 and 1→2→3;
    // 0→1→2→3 passes through a root and is not another one.
    const metrics = graphMetrics(4, 2, [0, 1, 0, 2, 1, 2, 2, 3]);

    expect(metrics.map((m) => [m.depth, m.paths])).toEqual([
      [0, 1],
      [0, 1],
      [1, 2],
      [2, 2],
    ]);
  });
});
