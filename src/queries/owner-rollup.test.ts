import { beforeAll, describe, expect, test } from 'vitest';
import { TEST_DIALECTS, useTestStore } from '../test-support/databases.js';
import { seedOrg } from './__fixtures__/org.js';
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
