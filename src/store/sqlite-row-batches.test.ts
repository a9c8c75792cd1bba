import { CompiledQuery, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createTestStore, type TestStore } from '../test-support/databases.js';
import { ROW_BATCH_MARK } from './sqlite-row-batches.js';

// SQLite only: PostgreSQL's bulk writes go through unnest instead.
describe('SQLite row batches', () => {
  let store: TestStore;
  beforeEach(async () => {
    store = await createTestStore('sqlite');
    await sql`create table t (a integer, b text, c integer)`.execute(store.db);
  });
  afterEach(() => store.destroy());

  const insert = (rows: unknown[][]) =>
    CompiledQuery.raw(
      `${ROW_BATCH_MARK}insert into t (a, b, c) values (?, ?, ?)`,
      [rows],
    );
  const all = async () =>
    (
      await sql<{ a: number; b: string | null; c: number | null }>`
      select a, b, c from t order by a`.execute(store.db)
    ).rows;

  test('bind every row, undefined as NULL and booleans as 1 or 0', async () => {
    const result = await store.db.executeQuery(
      insert([
        [1, 'x', true],
        [2, undefined, false],
        [3, 'z', null],
      ]),
    );

    expect(result.numAffectedRows).toBe(3n);
    expect(await all()).toEqual([
      { a: 1, b: 'x', c: 1 },
      { a: 2, b: null, c: 0 },
      { a: 3, b: 'z', c: null },
    ]);
  });

  test("run inside Kysely's transaction, and go with its rollback", async () => {
    await store.db.executeQuery(insert([[1, 'kept', 0]]));

    const failing = store.db.transaction().execute(async (tx) => {
      await tx.executeQuery(
        insert([
          [2, 'gone', 0],
          [3, 'gone', 0],
        ]),
      );
      throw new Error('stop');
    });

    await expect(failing).rejects.toThrow('stop');
    expect(await all()).toEqual([{ a: 1, b: 'kept', c: 0 }]);
  });

  test('refuse a statement that reads', async () => {
    const read = store.db.executeQuery(
      CompiledQuery.raw(`${ROW_BATCH_MARK}select 1`, [[]]),
    );

    await expect(read).rejects.toThrow('a row batch must write rows');
  });
});
