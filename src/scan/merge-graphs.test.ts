import { describe, expect, it } from 'vitest';
import type { DependencyGraph, GraphPackage } from '../core/model.js';
import { mergeGraphs } from './merge-graphs.js';

function pkg(key: string, direct: boolean): GraphPackage {
  return {
    key,
    ecosystem: 'npm',
    name: key,
    version: '1.0.0',
    purl: `pkg:npm/${key}@1.0.0`,
    source: 'registry',
    scope: 'prod',
    direct,
    file: 'package-lock.json',
  };
}

// Two workspaces: web depends on a → c; api depends on b; c is shared.
const workspaces: DependencyGraph = {
  roots: [
    {
      key: 'web',
      name: 'web',
      path: 'web',
      ecosystem: 'npm',
      file: 'package-lock.json',
    },
    {
      key: 'api',
      name: 'api',
      path: 'api',
      ecosystem: 'npm',
      file: 'package-lock.json',
    },
  ],
  packages: [
    pkg('a', true),
    pkg('b', true),
    pkg('c', false),
    pkg('orphan', false),
  ],
  edges: [
    { from: 'web', to: 'a' },
    { from: 'a', to: 'c' },
    { from: 'api', to: 'b' },
    { from: 'b', to: 'c' },
  ],
  files: ['package-lock.json', 'web/package.json', 'api/package.json'],
  warnings: [],
};

describe('mergeGraphs', () => {
  it('keeps a whole graph, orphans included, with prefixed keys', () => {
    const merged = mergeGraphs([
      { graph: workspaces, rootKeys: ['web', 'api'] },
    ]);

    expect(merged.packages.map((p) => p.key).sort()).toEqual([
      '0:a',
      '0:b',
      '0:c',
      '0:orphan',
    ]);
    expect(merged.edges).toContainEqual({ from: '0:web', to: '0:a' });
    expect(merged.files).toEqual([
      'api/package.json',
      'package-lock.json',
      'web/package.json',
    ]);
  });

  it('keeps only what a partial share reaches and recomputes direct', () => {
    const merged = mergeGraphs([{ graph: workspaces, rootKeys: ['web'] }]);

    expect(merged.roots.map((r) => r.key)).toEqual(['0:web']);
    expect(merged.packages.map((p) => [p.key, p.direct])).toEqual([
      ['0:a', true],
      ['0:c', false],
    ]);
    expect(merged.edges).toHaveLength(2);
  });

  it('keeps two graphs apart even when their keys are equal', () => {
    const merged = mergeGraphs([
      { graph: workspaces, rootKeys: ['api'] },
      { graph: workspaces, rootKeys: ['api'] },
    ]);

    expect(new Set(merged.packages.map((p) => p.key)).size).toBe(4);
  });
});
