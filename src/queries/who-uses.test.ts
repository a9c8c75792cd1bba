import { beforeAll, describe, expect, test } from 'vitest';
import { TEST_DIALECTS, useTestStore } from '../test-support/databases.js';
import { graphOf, serviceRecord } from '../store/__fixtures__/graphs.js';
import { replaceGroups } from '../store/groups/upsert-groups.js';
import { retireUnseenServices } from '../store/services/retire-unseen-services.js';
import { writeSnapshot } from '../store/services/write-snapshot.js';
import { startScan } from '../store/scans/start-scan.js';
import type { QmDatabase } from '../store/database.js';
import { whoUses, type WhoUsesOptions } from './who-uses.js';

/*
 * alpha: root → lodash@4.17.20 (direct), and a diamond with a cycle:
 *   root → a, root → b, a → c, b → c, c → d, d → c, d → ms, b → ms
 * so ms@2.0.0 has, counted by hand, three simple paths from the root:
 *   root→b→ms (shortest), root→a→c→d→ms, root→b→c→d→ms.
 * beta: root → express → lodash@4.17.21 (transitive).
 * gamma: lodash@4.17.20 direct, retired.
 * delta: owned by a user of squad-a; chalk, and foo-bar on npm and PyPI.
 */
async function seed(db: QmDatabase): Promise<void> {
  await replaceGroups(db, [
    {
      namespace: 'default',
      name: 'tribe-x',
      kind: 'Group',
      type: 'tribe',
      children: ['group:default/squad-a'],
      members: [],
    },
    {
      namespace: 'default',
      name: 'squad-a',
      kind: 'Group',
      type: 'squad',
      parent: 'group:default/tribe-x',
      children: [],
      members: [],
    },
    {
      namespace: 'default',
      name: 'jane',
      kind: 'User',
      children: [],
      members: ['squad-a'],
    },
  ]);
  const scanId = await startScan(db);
  const v = '1.0.0';
  await writeSnapshot(db, {
    scanId,
    service: serviceRecord('alpha', {
      owner: 'group:default/squad-a',
      exposure: { internetFacing: true, userData: false, paymentPath: false },
    }),
    graph: graphOf({
      packages: [
        { name: 'lodash', version: '4.17.20', direct: true },
        { name: 'a', version: v, direct: true },
        { name: 'b', version: v, direct: true },
        { name: 'c', version: v },
        { name: 'd', version: v },
        { name: 'ms', version: '2.0.0' },
      ],
      edges: [
        ['root', 'lodash@4.17.20'],
        ['root', 'a@1.0.0'],
        ['root', 'b@1.0.0'],
        ['a@1.0.0', 'c@1.0.0'],
        ['b@1.0.0', 'c@1.0.0'],
        ['c@1.0.0', 'd@1.0.0'],
        ['d@1.0.0', 'c@1.0.0'],
        ['d@1.0.0', 'ms@2.0.0'],
        ['b@1.0.0', 'ms@2.0.0'],
      ],
    }),
    contentHash: 'alpha',
    takenAt: new Date(),
  });
  await writeSnapshot(db, {
    scanId,
    service: serviceRecord('beta', { owner: 'group:default/squad-a' }),
    graph: graphOf({
      packages: [
        { name: 'express', version: '4.19.2', direct: true },
        { name: 'lodash', version: '4.17.21' },
      ],
      edges: [
        ['root', 'express@4.19.2'],
        ['express@4.19.2', 'lodash@4.17.21'],
      ],
    }),
    contentHash: 'beta',
    takenAt: new Date(),
  });
  await writeSnapshot(db, {
    scanId,
    service: serviceRecord('delta', { owner: 'user:default/Jane' }),
    graph: graphOf({
      packages: [
        { name: 'chalk', version: '5.3.0', direct: true },
        { name: 'foo-bar', version: '2.0.0', direct: true },
        { name: 'foo-bar', version: '1.0', direct: true, ecosystem: 'PyPI' },
      ],
      edges: [
        ['root', 'chalk@5.3.0'],
        ['root', 'foo-bar@2.0.0'],
        ['root', 'foo-bar@1.0'],
      ],
    }),
    contentHash: 'delta',
    takenAt: new Date(),
  });
  const gammaScan = await startScan(db);
  await writeSnapshot(db, {
    scanId: gammaScan,
    service: serviceRecord('gamma', { repository: '/repos/old' }),
    graph: graphOf({
      packages: [{ name: 'lodash', version: '4.17.20', direct: true }],
      edges: [['root', 'lodash@4.17.20']],
    }),
    contentHash: 'gamma',
    takenAt: new Date(),
  });
  await retireUnseenServices(db, {
    scanId: scanId,
    repository: '/repos/old',
    retiredAt: new Date(),
  });
}

describe.each(TEST_DIALECTS)('whoUses on %s', (dialect) => {
  const store = useTestStore(dialect, { per: 'file' });
  beforeAll(() => seed(store.db));

  const cases: [string, WhoUsesOptions, string[]][] = [
    ['any version', { name: 'lodash' }, ['alpha', 'beta']],
    [
      'retired included',
      { name: 'lodash', includeRetired: true },
      ['alpha', 'beta', 'gamma'],
    ],
    [
      'below a fixed version',
      { name: 'lodash', version: '<4.17.21' },
      ['alpha'],
    ],
    ['a caret range', { name: 'lodash', version: '^4' }, ['alpha', 'beta']],
    ['an exact version', { name: 'lodash', version: '4.17.21' }, ['beta']],
    ['direct uses only', { name: 'lodash', relation: 'direct' }, ['alpha']],
    [
      'transitive uses only',
      { name: 'lodash', relation: 'transitive' },
      ['beta'],
    ],
    ['a purl', { purl: 'pkg:npm/lodash@4.17.21' }, ['beta']],
    ['a purl without version', { purl: 'pkg:npm/lodash' }, ['alpha', 'beta']],
    ['an unknown package', { name: 'left-pad' }, []],
    ['a version nobody uses', { name: 'lodash', version: '>5' }, []],
  ];
  test.each(cases)('find services by %s', async (_, options, expected) => {
    const result = await whoUses(store.db, options);

    expect(result.services.map((s) => s.name)).toEqual(expected);
    expect(result.total).toBe(expected.length);
  });

  test('describe each match with owner chain and exposure', async () => {
    const result = await whoUses(store.db, { name: 'lodash' });

    const alpha = result.services[0]!;
    expect(alpha.ownerChain.map((g) => g.name)).toEqual(['squad-a', 'tribe-x']);
    expect(alpha.exposure.internetFacing).toBe(true);
    expect(alpha.matches).toEqual([
      expect.objectContaining({
        name: 'lodash',
        version: '4.17.20',
        purl: 'pkg:npm/lodash@4.17.20',
        scope: 'prod',
        direct: true,
      }),
    ]);
    expect(result.packages.map((p) => p.version).sort()).toEqual([
      '4.17.20',
      '4.17.21',
    ]);
  });

  test('page through services', async () => {
    const result = await whoUses(store.db, {
      name: 'lodash',
      limit: 1,
      offset: 1,
    });

    expect(result.total).toBe(2);
    expect(result.services.map((s) => s.name)).toEqual(['beta']);
  });

  test('count every service on a page past the end', async () => {
    const result = await whoUses(store.db, { name: 'lodash', offset: 5 });

    expect(result.total).toBe(2);
    expect(result.services).toEqual([]);
  });

  test('follow an owner chain from a user through its group', async () => {
    const result = await whoUses(store.db, { name: 'chalk' });

    expect(result.services.map((s) => s.name)).toEqual(['delta']);
    expect(result.services[0]!.ownerChain.map((g) => g.ref)).toEqual([
      'user:default/jane',
      'group:default/squad-a',
      'group:default/tribe-x',
    ]);
  });

  test('match a name as each ecosystem normalises it', async () => {
    // PyPI reads Foo_Bar as foo-bar; npm keeps it as written.
    const result = await whoUses(store.db, { name: 'Foo_Bar' });

    expect(result.packages.map((p) => p.purl)).toEqual([
      'pkg:pypi/foo-bar@1.0',
    ]);
    expect(result.services[0]!.matches.map((m) => m.purl)).toEqual([
      'pkg:pypi/foo-bar@1.0',
    ]);
  });

  // One statement per round trip to the server.
  const statementCases: [string, number, WhoUsesOptions][] = [
    ['a list by name', 1, { name: 'lodash' }],
    ['a list with paths', 2, { name: 'lodash', paths: true }],
    ['a list by version range', 2, { name: 'lodash', version: '<5' }],
    ['a page past the end', 1, { name: 'lodash', offset: 5 }],
    ['an unknown package', 1, { name: 'left-pad' }],
  ];
  test.each(statementCases)(
    'answer %s in %i statements',
    async (_, expected, options) => {
      let statements = 0;
      const db = store.db.withPlugin({
        transformQuery: (args) => {
          statements += 1;
          return args.node;
        },
        transformResult: (args) => Promise.resolve(args.result),
      });

      await whoUses(db, options);

      expect(statements).toBe(expected);
    },
  );

  test('select by name a stored ecosystem the query code does not list', async () => {
    // Not one of ECOSYSTEMS: SQL cannot select it by name, code does.
    await store.db
      .insertInto('packages')
      .values({
        ecosystem: 'Hex',
        name: 'chalk',
        version: '1.0.0',
        purl: 'pkg:hex/chalk@1.0.0',
      })
      .execute();

    const result = await whoUses(store.db, { name: 'chalk', paths: true });

    expect(result.packages.map((p) => p.purl)).toEqual([
      'pkg:hex/chalk@1.0.0',
      'pkg:npm/chalk@5.3.0',
    ]);
    expect(result.services.map((s) => s.name)).toEqual(['delta']);
    expect(result.services[0]!.matches[0]!.path?.map((s) => s.name)).toEqual([
      'root',
      'chalk',
    ]);
  });

  test('give the shortest path through a diamond with a cycle', async () => {
    const result = await whoUses(store.db, { name: 'ms', paths: true });

    const match = result.services[0]!.matches[0]!;
    expect(match.path?.map((s) => s.name)).toEqual(['root', 'b', 'ms']);
    expect(match.path?.[0]?.root).toBe(true);
    expect(match.otherPaths).toBe(2);
    expect(match.otherPathsCapped).toBe(false);
  });
});
