import { beforeAll, describe, expect, test } from 'vitest';
import { TEST_DIALECTS, useTestStore } from '../test-support/databases.js';
import { seedOrg } from './__fixtures__/org.js';
import { listServices, type ListServicesOptions } from './list-services.js';

describe.each(TEST_DIALECTS)('listServices on %s', (dialect) => {
  const store = useTestStore(dialect, { per: 'file' });
  beforeAll(() => seedOrg(store.db));

  // Expected names read by hand from __fixtures__/org.ts.
  const cases: [string, ListServicesOptions, string[]][] = [
    ['no filter', {}, ['alpha', 'beta', 'delta', 'epsilon', 'gamma']],
    [
      'retired included',
      { includeRetired: true },
      ['alpha', 'beta', 'delta', 'epsilon', 'gamma', 'zeta'],
    ],
    [
      'a tribe with its squads and members',
      { group: 'group:default/tribe-x' },
      ['alpha', 'beta', 'gamma'],
    ],
    ['a squad and its member', { group: 'squad-b' }, ['beta', 'gamma']],
    ['an owner in short form', { owner: 'squad-a' }, ['alpha']],
    ['an owner written as given', { owner: 'group:default/squad-b' }, ['beta']],
    ['a user by bare name', { owner: 'jane' }, ['gamma']],
    ['a user as user:name', { owner: 'user:jane' }, ['gamma']],
    ['the unowned', { owner: 'unowned' }, ['delta']],
    ['a tag', { tag: 'payments' }, ['alpha']],
    ['internet exposure', { exposure: 'internet-facing' }, ['alpha']],
    ['the payment path', { exposure: 'payment-path' }, ['alpha']],
    ['user data', { exposure: 'user-data' }, []],
    ['an ecosystem', { ecosystem: 'PyPI' }, ['beta']],
    ['owner and group together', { owner: 'squad-a', group: 'squad-b' }, []],
  ];
  test.each(cases)('list services by %s', async (_, options, expected) => {
    const result = await listServices(store.db, options);

    expect(result.services.map((s) => s.name)).toEqual(expected);
    expect(result.total).toBe(expected.length);
  });

  test('refuse an owner that no service has and the catalog does not know', async () => {
    const listing = listServices(store.db, { owner: 'squad-typo' });

    await expect(listing).rejects.toMatchObject({
      code: 'ERR_OWNER_NOT_FOUND',
    });
  });

  test('refuse a group that the catalog does not know and owns nothing', async () => {
    const listing = listServices(store.db, { group: 'tribe-typo' });

    await expect(listing).rejects.toMatchObject({
      code: 'ERR_GROUP_NOT_FOUND',
    });
  });

  test('describe a service with its counts and owner chain', async () => {
    const result = await listServices(store.db, { tag: 'payments' });

    expect(result.services[0]).toMatchObject({
      namespace: 'default',
      name: 'alpha',
      owner: 'group:default/squad-a',
      packageCount: 3,
      snapshotTakenAt: '2026-12-01T00:00:01.000Z',
      retiredAt: null,
      tags: ['payments'],
    });
    expect(result.services[0]!.ownerChain.map((g) => g.ref)).toEqual([
      'group:default/squad-a',
      'group:default/tribe-x',
    ]);
  });
});
