import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { describe, expect, test } from 'vitest';
import { importAdvisories } from '../advisories/import-advisories.js';
import { writeSyntheticOsvZip } from '../bench/synthetic-advisories.js';
import { TEST_DIALECTS, useTestStore } from '../test-support/databases.js';
import { SHARED_DIR } from '../test-support/shared.js';
import { bulkInsert } from './bulk-sql.js';
import type { QmDatabase } from './database.js';
import {
  refreshStatistics,
  STATISTICS_REFRESH_ROWS,
} from './refresh-statistics.js';

/** PostgreSQL's row estimate for a table: -1 until statistics are gathered. */
async function estimatedRows(db: QmDatabase, table: string): Promise<number> {
  const result = await sql<{ reltuples: number }>`
    select reltuples from pg_class where relname = ${table}`.execute(db);
  return Number(result.rows[0]!.reltuples);
}

async function insertPackages(db: QmDatabase, count: number, from = 0) {
  await bulkInsert(db, {
    table: 'packages',
    columns: [
      { name: 'purl', type: 'text' },
      { name: 'ecosystem', type: 'text' },
      { name: 'name', type: 'text' },
      { name: 'version', type: 'text' },
    ],
    rows: Array.from({ length: count }, (_, i) => [
      `pkg:npm/p${from + i}@1.0.0`,
      'npm',
      `p${from + i}`,
      '1.0.0',
    ]),
  });
}

describe.each(TEST_DIALECTS)('planner statistics on %s', (dialect) => {
  const store = useTestStore(dialect);
  const onPostgres = test.skipIf(dialect !== 'postgres');

  test.skipIf(dialect !== 'sqlite')(
    'are not gathered on SQLite, whose planner takes the indexes as they are',
    async () => {
      await insertPackages(store.db, STATISTICS_REFRESH_ROWS);

      await refreshStatistics(store.db, {
        tables: ['packages'],
        changedRows: STATISTICS_REFRESH_ROWS,
      });

      const stats = await sql<{ name: string }>`
          select name from sqlite_master where name = 'sqlite_stat1'`.execute(
        store.db,
      );
      expect(stats.rows).toEqual([]);
    },
  );

  onPostgres(
    'are left to autovacuum after a small write and refreshed after a bulk one',
    async () => {
      await insertPackages(store.db, 100);
      await refreshStatistics(store.db, {
        tables: ['packages'],
        changedRows: 100,
      });
      const afterSmall = await estimatedRows(store.db, 'packages');

      await insertPackages(store.db, STATISTICS_REFRESH_ROWS, 100);
      await refreshStatistics(store.db, {
        tables: ['packages'],
        changedRows: STATISTICS_REFRESH_ROWS,
      });

      expect(afterSmall).toBe(-1);
      expect(await estimatedRows(store.db, 'packages')).toBe(
        STATISTICS_REFRESH_ROWS + 100,
      );
    },
  );

  onPostgres(
    'are left alone when a write changed under a tenth of a large table',
    async () => {
      const large = STATISTICS_REFRESH_ROWS * 11;
      await insertPackages(store.db, large);
      await refreshStatistics(store.db, {
        tables: ['packages'],
        changedRows: large,
      });
      await insertPackages(store.db, STATISTICS_REFRESH_ROWS, large);

      await refreshStatistics(store.db, {
        tables: ['packages'],
        changedRows: STATISTICS_REFRESH_ROWS,
      });

      expect(await estimatedRows(store.db, 'packages')).toBe(large);
    },
  );

  onPostgres(
    'are refreshed by a large advisory import before it matches',
    async () => {
      const zip = path.join(
        mkdtempSync(path.join(tmpdir(), 'qm-stats-')),
        'all.zip',
      );
      await writeSyntheticOsvZip({
        advisoriesDir: path.join(SHARED_DIR, 'advisories'),
        out: zip,
        count: STATISTICS_REFRESH_ROWS + 500,
      });

      const result = await importAdvisories(store.db, zip);

      expect(result.written).toBe(STATISTICS_REFRESH_ROWS + 500);
      expect(await estimatedRows(store.db, 'advisories')).toBe(
        STATISTICS_REFRESH_ROWS + 500,
      );
      expect(
        await estimatedRows(store.db, 'advisory_packages'),
      ).toBeGreaterThan(0);
    },
    60_000,
  );
});
