import { beforeAll, describe, expect, test } from 'vitest';
import { graphOf, serviceRecord } from '../store/__fixtures__/graphs.js';
import { writeSnapshot } from '../store/services/write-snapshot.js';
import { TEST_DIALECTS, useTestStore } from '../test-support/databases.js';
import type { DependencyTreeNode } from './dependency-tree.js';
import { getDependencies } from './get-dependencies.js';

/*
 * root → a, root → b (dev); a → c; b → c; c → d; d → c (cycle).
 * Like `npm ls`: c is shown in full under a, deduped under b, and the
 * edge d → c closes a cycle.
 */
const graph = graphOf({
  packages: [
    { name: 'a', version: '1.0.0', direct: true },
    { name: 'b', version: '1.0.0', direct: true, scope: 'dev' },
    { name: 'c', version: '1.0.0' },
    { name: 'd', version: '2.0.0' },
  ],
  edges: [
    ['root', 'a@1.0.0'],
    ['root', 'b@1.0.0'],
    ['a@1.0.0', 'c@1.0.0'],
    ['b@1.0.0', 'c@1.0.0'],
    ['c@1.0.0', 'd@2.0.0'],
    ['d@2.0.0', 'c@1.0.0'],
  ],
});

/** name@version with the flags a reader of the tree sees. */
function lines(nodes: DependencyTreeNode[], indent = ''): string[] {
  return nodes.flatMap((n) => [
    `${indent}${n.name}${n.version ? `@${n.version}` : ''}` +
      `${n.deduped ? ' deduped' : ''}${n.cycle ? ' cycle' : ''}` +
      `${n.truncated ? ' truncated' : ''}`,
    ...lines(n.children, `${indent}  `),
  ]);
}

describe.each(TEST_DIALECTS)('getDependencies on %s', (dialect) => {
  const store = useTestStore(dialect, { per: 'file' });
  beforeAll(async () => {
    await writeSnapshot(store.db, {
      scanId: null,
      service: serviceRecord('cart'),
      graph,
      contentHash: 'x',
      takenAt: new Date(),
    });
    await writeSnapshot(store.db, {
      scanId: null,
      service: serviceRecord('empty'),
      graph: graphOf({ roots: [], packages: [] }),
      contentHash: 'y',
      takenAt: new Date(),
    });
  });

  test('list every package once, sorted', async () => {
    const result = await getDependencies(store.db, { service: 'cart' });

    expect(
      result.packages?.map((p) => [p.name, p.version, p.scope, p.direct]),
    ).toEqual([
      ['a', '1.0.0', 'prod', true],
      ['b', '1.0.0', 'dev', true],
      ['c', '1.0.0', 'prod', false],
      ['d', '2.0.0', 'prod', false],
    ]);
  });

  test('filter the list by scope', async () => {
    const result = await getDependencies(store.db, {
      service: 'cart',
      scope: 'dev',
    });

    expect(result.packages?.map((p) => p.name)).toEqual(['b']);
  });

  test('show a tree with deduped subtrees and cut cycles', async () => {
    const result = await getDependencies(store.db, {
      service: 'cart',
      tree: true,
    });

    expect(lines(result.tree!)).toEqual([
      'root',
      '  a@1.0.0',
      '    c@1.0.0',
      '      d@2.0.0',
      '        c@1.0.0 cycle',
      '  b@1.0.0',
      '    c@1.0.0 deduped',
    ]);
  });

  test('leave out the branches of other scopes', async () => {
    const result = await getDependencies(store.db, {
      service: 'cart',
      tree: true,
      scope: 'prod',
    });

    expect(lines(result.tree!)).toEqual([
      'root',
      '  a@1.0.0',
      '    c@1.0.0',
      '      d@2.0.0',
      '        c@1.0.0 cycle',
    ]);
  });

  test('stop at the depth limit', async () => {
    const result = await getDependencies(store.db, {
      service: 'cart',
      tree: true,
      depth: 2,
    });

    expect(lines(result.tree!)).toEqual([
      'root',
      '  a@1.0.0',
      '    c@1.0.0 truncated',
      '  b@1.0.0',
      '    c@1.0.0 truncated',
    ]);
  });

  test('give an empty list for a service without packages', async () => {
    const result = await getDependencies(store.db, { service: 'empty' });

    expect(result.packages).toEqual([]);
    expect(result.snapshot).not.toBeNull();
  });
});
