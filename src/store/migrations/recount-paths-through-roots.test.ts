import path from 'node:path';
import { sql } from 'kysely';
import { Migrator } from 'kysely/migration';
import { describe, expect, test } from 'vitest';
import { scan } from '../../scan/scan.js';
import { TEST_DIALECTS, useTestStore } from '../../test-support/databases.js';
import { CORPUS_DIR } from '../../test-support/shared.js';
import type { QmDatabase } from '../database.js';
import { MIGRATIONS } from './index.js';

async function nodePaths(db: QmDatabase) {
  const result = await sql<{
    snapshot_id: number;
    node: number;
    paths: number;
  }>`
    select snapshot_id, node, paths from snapshot_packages
    order by snapshot_id, node`.execute(db);
  return result.rows.map((r) => ({ ...r, paths: Number(r.paths) }));
}

describe.each(TEST_DIALECTS)(
  'recounting paths through roots on %s',
  (dialect) => {
    const store = useTestStore(dialect);

    test("gives the counts of today's scan back to a store that kept the old ones", async () => {
      const migrator = new Migrator({
        db: store.db,
        provider: { getMigrations: () => Promise.resolve(MIGRATIONS) },
      });
      // jest's workspaces depend on one another: edges that enter roots.
      await scan({ db: store.db, paths: [path.join(CORPUS_DIR, 'jest')] });
      const counted = await nodePaths(store.db);
      await migrator.migrateTo('20261204140000_add-snapshot-package-versions');
      // What the old counting stored is larger: stand in for it.
      await sql`update snapshot_packages set paths = paths + 1000`.execute(
        store.db,
      );

      const { error } = await migrator.migrateToLatest();

      expect(error).toBeUndefined();
      expect(counted.length).toBeGreaterThan(1000);
      expect(await nodePaths(store.db)).toEqual(counted);
    });
  },
);
