import { describe, expect, test } from 'vitest';
import { TEST_DIALECTS, useTestStore } from '../test-support/databases.js';
import { migrateToLatest } from './migrate.js';
import { MIGRATIONS } from './migrations/index.js';

describe.each(TEST_DIALECTS)('migrations on %s', (dialect) => {
  const store = useTestStore(dialect);

  test('create the catalog and inventory tables from an empty database', async () => {
    const expected = [
      'groups',
      'packages',
      'scan_errors',
      'scans',
      'services',
      'snapshot_packages',
      'snapshots',
    ];

    const tables = await store.db.introspection.getTables();

    // Other areas add their own tables; these are the store's core.
    const names = tables.map((t) => t.name);
    expect(names).toEqual(expect.arrayContaining(expected));
  });

  test('run again without applying anything', async () => {
    const applied = await migrateToLatest(store.db);

    expect(applied).toEqual([]);
  });

  test('record every listed migration as applied', async () => {
    const rows = await store.db
      .selectFrom('kysely_migration' as never)
      .select('name' as never)
      .execute();

    expect(rows.map((r) => (r as { name: string }).name).sort()).toEqual(
      Object.keys(MIGRATIONS).sort(),
    );
  });
});
