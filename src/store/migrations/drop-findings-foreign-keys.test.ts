import path from 'node:path';
import { sql } from 'kysely';
import { Migrator } from 'kysely/migration';
import { describe, expect, test } from 'vitest';
import { importAdvisories } from '../../advisories/import-advisories.js';
import { scan } from '../../scan/scan.js';
import { TEST_DIALECTS, useTestStore } from '../../test-support/databases.js';
import { PROJECT_DIR, SHARED_DIR } from '../../test-support/shared.js';
import type { QmDatabase } from '../database.js';
import { dialectOf } from '../dialect.js';
import { MIGRATIONS } from './index.js';

async function foreignKeysOfFindings(db: QmDatabase): Promise<number> {
  const result =
    dialectOf(db) === 'postgres'
      ? await sql<{ n: number }>`select count(*)::int as n from pg_constraint
          where conrelid = 'findings'::regclass and contype = 'f'`.execute(db)
      : await sql<{
          n: number;
        }>`select count(*) as n from pragma_foreign_key_list('findings')`.execute(
          db,
        );
  return Number(result.rows[0]!.n);
}

/** Every finding with its reasons as text (before and after they moved to finding_reasons), without its facts hash. */
async function allFindings(db: QmDatabase) {
  const result = await sql<Record<string, unknown>>`
    select * from findings order by id`.execute(db);
  const shared = await sql<{ id: number; reasons: string }>`
    select id, reasons from finding_reasons`
    .execute(db)
    .then((r) => new Map(r.rows.map((row) => [row.id, row.reasons])))
    .catch(() => undefined);
  // facts_hash is derived, and rows brought back by a down step have none.
  return result.rows.map(({ reasons_id: reasonsId, facts_hash: _, ...row }) =>
    shared ? { ...row, reasons: shared.get(reasonsId as number) } : row,
  );
}

describe.each(TEST_DIALECTS)(
  'dropping the findings foreign keys on %s',
  (dialect) => {
    const store = useTestStore(dialect);

    test('keeps every finding with its id, and the unique key', async () => {
      const migrator = new Migrator({
        db: store.db,
        provider: { getMigrations: () => Promise.resolve(MIGRATIONS) },
      });
      // Findings written by today's code, then the schema taken back to
      // before the migration (its down step) and forward again.
      await scan({
        db: store.db,
        paths: [path.join(PROJECT_DIR, 'examples', 'acme')],
      });
      await importAdvisories(store.db, path.join(SHARED_DIR, 'advisories'));
      const written = await allFindings(store.db);
      await migrator.migrateTo('20261204110000_drop-findings-service-index');
      const before = await allFindings(store.db);
      const keysBefore = await foreignKeysOfFindings(store.db);

      const { error } = await migrator.migrateToLatest();

      expect(error).toBeUndefined();
      expect(written.length).toBeGreaterThan(0);
      expect(before).toEqual(written);
      expect(keysBefore).toBe(3);
      expect(await foreignKeysOfFindings(store.db)).toBe(0);
      expect(await allFindings(store.db)).toEqual(before);
      const duplicate = sql`insert into findings (service_id, snapshot_id, package_id,
        vulnerability_id, direct, paths, scope, first_seen, fixed_versions,
        severity, priority, points, reasons_id)
      select service_id, snapshot_id, package_id, vulnerability_id, direct,
        paths, scope, first_seen, fixed_versions, severity, priority, points,
        reasons_id from findings where id = ${before[0]!.id as number}`;
      await expect(duplicate.execute(store.db)).rejects.toThrow(/unique/i);
    }, 60_000);
  },
);
