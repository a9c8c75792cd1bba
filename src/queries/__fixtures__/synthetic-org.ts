// A synthetic service graph for scale tests: 1,500 packages drawn from
// 6,000 names × 3 versions, the first 200 names in every service, each
// package under 1-3 earlier ones, a few back edges for cycles.
import type { GraphSpec } from '../../store/__fixtures__/graphs.js';

const PACKAGES = 1500;
const NAMES = 6000;
const POPULAR = 200;

function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function serviceGraph(seed: number): GraphSpec {
  const rand = random(seed);
  const names = new Set<number>();
  for (let i = 0; i < POPULAR; i++) names.add(i);
  while (names.size < PACKAGES) names.add(Math.floor(rand() * NAMES));
  const packages = [...names].map((n, i) => ({
    name: `pkg-${n}`,
    version: `1.${Math.floor(rand() * 3)}.0`,
    direct: i % 50 === 0,
  }));
  const key = (i: number) => `${packages[i]!.name}@${packages[i]!.version}`;
  const edges: [string, string][] = [];
  packages.forEach((p, i) => {
    if (p.direct) edges.push([i % 100 === 0 ? 'web' : 'api', key(i)]);
    const parents = p.direct ? 0 : 1 + Math.floor(rand() * 3);
    for (let j = 0; j < parents; j++) {
      const parent = Math.floor(rand() * i);
      if (parent !== i) edges.push([key(parent), key(i)]);
    }
  });
  // A few back edges make cycles, as real graphs have.
  for (let j = 0; j < 5; j++) {
    edges.push([key(PACKAGES - 1 - j), key(POPULAR + j)]);
  }
  return { roots: ['web', 'api'], packages, edges };
}

