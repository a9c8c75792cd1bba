import { beforeAll, describe, expect, test } from 'vitest';
import { TEST_DIALECTS, useTestStore } from '../test-support/databases.js';
import { seedOrg } from './__fixtures__/org.js';
import type { GroupRecord } from '../core/catalog.js';
import { graphOf, serviceRecord } from '../store/__fixtures__/graphs.js';
import { replaceGroups } from '../store/groups/upsert-groups.js';
import { startScan } from '../store/scans/start-scan.js';
import { writeSnapshot } from '../store/services/write-snapshot.js';
import { ownerRollup } from './owner-rollup.js';

describe.each(TEST_DIALECTS)('ownerRollup on %s', (dialect) => {
  const store = useTestStore(dialect, { per: 'file' });
  beforeAll(() => seedOrg(store.db));

  test('roll squads up into their tribe', async () => {
    const result = await ownerRollup(store.db);

    // By hand from __fixtures__/org.ts: squad-a owns alpha (3 packages;
    // zeta is retired), squad-b owns beta (2) and, through jane, gamma (1).
    const [tribe] = result.groups;
    expect(result.groups).toHaveLength(1);
    expect(tribe).toMatchObject({
      name: 'tribe-x',
      type: 'tribe',
      direct: { services: 0, packages: 0 },
      total: { services: 3, packages: 6 },
    });
    expect(tribe!.children.map((c) => [c.name, c.direct, c.total])).toEqual([
      ['squad-a', { services: 1, packages: 3 }, { services: 1, packages: 3 }],
      ['squad-b', { services: 2, packages: 3 }, { services: 2, packages: 3 }],
    ]);
  });

  test('report the unowned and owners missing from the catalog', async () => {
    const result = await ownerRollup(store.db);

    expect(result.unowned).toEqual({
      services: 1,
      packages: 1,
      names: ['default/delta'],
    });
    expect(result.unknownOwners).toEqual([
      { owner: 'group:default/ghost', services: 1, packages: 1 },
    ]);
  });
});

describe.each(TEST_DIALECTS)(
  'ownerRollup with a parent cycle on %s',
  (dialect) => {
    const store = useTestStore(dialect);

    test('still shows the groups of the cycle and their services', async () => {
      // loop-a's parent is loop-b and loop-b's is loop-a: neither is a top.
      const loop = (name: string, parent: string): GroupRecord => ({
        namespace: 'default',
        name,
        kind: 'Group',
        type: 'squad',
        parent: `group:default/${parent}`,
        children: [],
        members: [],
      });
      await replaceGroups(store.db, [
        loop('loop-a', 'loop-b'),
        loop('loop-b', 'loop-a'),
      ]);
      const scanId = await startScan(store.db, '2026-12-01T00:00:00.000Z');
      await writeSnapshot(store.db, {
        scanId,
        service: serviceRecord('weird', {
          owner: 'group:default/loop-b',
          repository: '/repos/weird',
        }),
        graph: graphOf({
          packages: [{ name: 'ms', version: '2.1.3', direct: true }],
        }),
        contentHash: 'w',
        takenAt: '2026-12-01T00:00:01.000Z',
      });

      const result = await ownerRollup(store.db);

      expect(result.groups.map((g) => g.name)).toEqual(['loop-a']);
      expect(result.groups[0]!.total).toEqual({ services: 1, packages: 1 });
      expect(result.groups[0]!.children.map((c) => c.name)).toEqual(['loop-b']);
    });
  },
);
