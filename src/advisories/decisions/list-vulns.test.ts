import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { TEST_DIALECTS, useTestStore } from '../../test-support/databases.js';
import { SHARED_DIR } from '../../test-support/shared.js';
import { upsertGroups } from '../../store/groups/upsert-groups.js';
import type { GroupRecord } from '../../core/catalog.js';
import { importAdvisories } from '../import-advisories.js';
import { listVulns, type VulnsFilters } from './list-vulns.js';
import { dueDate } from './sla.js';
import { writeTwoServices } from './__fixtures__/two-services.js';

const NPM = path.join(SHARED_DIR, 'advisories/github-advisory-database/npm');

/** A tribe over squad-a; squad-b stands alone. */
const GROUPS: GroupRecord[] = [
  {
    namespace: 'default',
    name: 'tribe',
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
    parent: 'group:default/tribe',
    children: [],
    members: [],
  },
  {
    namespace: 'default',
    name: 'squad-b',
    kind: 'Group',
    children: [],
    members: [],
  },
];

describe('dueDate', () => {
  // Hand-computed calendar dates.
  test.each([
    ['2026-01-01T10:00:00Z', 'P1', undefined, '2026-01-08'],
    ['2026-01-01T10:00:00Z', 'P2', undefined, '2026-01-31'],
    ['2026-02-20T00:00:00Z', 'P1', { P1: 10 }, '2026-03-02'],
    ['2026-02-20T00:00:00Z', 'P4', { P1: 10 }, '2026-08-19'],
    ['not a date', 'P1', undefined, undefined],
    ['2026-01-01T00:00:00Z', 'P9', undefined, undefined],
  ])('%s %s %j → %s', (firstSeen, priority, sla, expected) => {
    expect(dueDate(firstSeen, priority, sla)).toBe(expected);
  });
});

describe.each(TEST_DIALECTS)('listVulns on %s', (dialect) => {
  const store = useTestStore(dialect);

  // Expected counts are read by hand from the advisories' ranges (see
  // writeTwoServices): shop has three findings, tool one.
  test.each<[string, VulnsFilters, number]>([
    ['no filter', {}, 4],
    ['owner squad-a', { owner: 'group:default/squad-a' }, 3],
    ['group tribe, squad-a below it', { group: 'tribe' }, 3],
    ['group squad-b', { group: 'group:default/squad-b' }, 1],
    ['owner tribe itself', { owner: 'group:default/tribe' }, 0],
    ['internet-facing', { exposure: 'internet-facing' }, 3],
    ['service tool', { service: 'tool' }, 1],
    ['transitive', { relation: 'transitive' }, 1],
    ['direct', { relation: 'direct' }, 3],
    ['fix available', { fixAvailable: true }, 4],
    ['critical only', { severity: ['critical'] }, 2],
  ])('%s', async (_, filters, expected) => {
    await upsertGroups(store.db, GROUPS);
    await writeTwoServices(store.db);
    await importAdvisories(store.db, NPM);

    const result = await listVulns(store.db, filters);

    expect(result.total).toBe(expected);
  });

  test.each<[string, VulnsFilters, string]>([
    ['a service', { service: 'toool' }, 'ERR_SERVICE_NOT_FOUND'],
    ['an owner', { owner: 'squad-c' }, 'ERR_OWNER_NOT_FOUND'],
    ['a group', { group: 'tribe-typo' }, 'ERR_GROUP_NOT_FOUND'],
  ])('refuse %s the store does not know', async (_, filters, code) => {
    await upsertGroups(store.db, GROUPS);
    await writeTwoServices(store.db);
    await importAdvisories(store.db, NPM);

    const listing = listVulns(store.db, filters);

    await expect(listing).rejects.toMatchObject({ code });
  });

  test('due dates follow the configured SLA', async () => {
    await writeTwoServices(store.db);
    await importAdvisories(store.db, NPM);
    const sla = { P1: 1, P2: 2, P3: 3, P4: 4 };

    const result = await listVulns(store.db, {}, { slaDays: sla });

    for (const f of result.findings) {
      const start = new Date(f.firstSeen);
      start.setUTCDate(start.getUTCDate() + sla[f.priority as 'P1']);
      expect(f.due).toBe(start.toISOString().slice(0, 10));
    }
  });
});
