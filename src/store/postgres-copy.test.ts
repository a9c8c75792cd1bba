import { CompiledQuery, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import {
  createTestStore,
  TEST_DIALECTS,
  type TestStore,
} from '../test-support/databases.js';
import { COPY_MARK } from './postgres-copy.js';

// PostgreSQL only: SQLite's bulk writes go through row batches instead.
describe.skipIf(!TEST_DIALECTS.includes('postgres'))('PostgreSQL COPY', () => {
  let store: TestStore;
  beforeEach(async () => {
    store = await createTestStore('postgres');
    await sql`create table t (a integer, b text, c integer)`.execute(store.db);
  });
  afterEach(() => store.destroy());

  const copy = (rows: unknown[][]) =>
    CompiledQuery.raw(`${COPY_MARK}copy t (a, b, c) from stdin`, [rows]);
  const all = async () =>
    (
      await sql<{ a: number; b: string | null; c: number | null }>`
        select a, b, c from t order by a`.execute(store.db)
    ).rows;

  test('loads every row, text with tabs, newlines and backslashes intact', async () => {
    const awkward = 'tab\there\nnew line\r\\back\\slash \\N ünï';
    const rows: unknown[][] = Array.from({ length: 4_500 }, (_, i) => [
      i,
      `row ${i}`,
      i % 7,
    ]);
    rows.push([4_500, awkward, null], [4_501, '', undefined]);

    const result = await store.db.executeQuery(copy(rows));

    expect(result.numAffectedRows).toBe(4_502n);
    const stored = await all();
    expect(stored).toHaveLength(4_502);
    expect(stored.at(-2)).toEqual({ a: 4_500, b: awkward, c: null });
    expect(stored.at(-1)).toEqual({ a: 4_501, b: '', c: null });
    expect(stored[10]).toEqual({ a: 10, b: 'row 10', c: 3 });
  });

  test("runs inside Kysely's transaction, and goes with its rollback", async () => {
    await store.db.executeQuery(copy([[1, 'kept', 0]]));

    const failing = store.db.transaction().execute(async (tx) => {
      await tx.executeQuery(copy([[2, 'gone', 0]]));
      throw new Error('stop');
    });

    await expect(failing).rejects.toThrow('stop');
    expect(await all()).toEqual([{ a: 1, b: 'kept', c: 0 }]);
  });

  test('fails the statement on a value the column refuses, leaving the connection usable', async () => {
    const bad = store.db.executeQuery(copy([[1, 'x', 'not a number']]));

    await expect(bad).rejects.toThrow(/integer/);
    expect(await all()).toEqual([]);
  });
});
