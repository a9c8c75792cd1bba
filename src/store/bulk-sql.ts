import { CompiledQuery } from 'kysely';
import type { QmDatabase } from './database.js';
import { dialectOf } from './dialect.js';

/*
 * Bulk statements for the hot paths of a snapshot write. Rows travel as one
 * parameter per column (PostgreSQL arrays through unnest) or one JSON array
 * (SQLite json_each), so a statement's text is the same for 10 rows or
 * 10,000: no parameter limit to chunk around, and the text is parsed fast.
 * Kysely's builder spent far longer on 15,000-value INSERTs than the
 * databases did; these still run on Kysely's connection and transaction.
 */

export interface BulkColumn {
  name: string;
  type: 'int' | 'text';
}

export interface BulkInsert {
  table: string;
  columns: readonly BulkColumn[];
  /** Each row has one value per column, in column order. */
  rows: readonly (readonly unknown[])[];
  /** e.g. `on conflict (purl) do nothing` */
  suffix?: string;
}

/** INSERTs every row in one statement. */
export async function bulkInsert(
  db: QmDatabase,
  insert: BulkInsert,
): Promise<void> {
  if (insert.rows.length === 0) return;
  const names = insert.columns.map((c) => c.name).join(', ');
  const suffix = insert.suffix ?? '';
  if (dialectOf(db) === 'postgres') {
    const arrays = insert.columns.map((_, i) => insert.rows.map((r) => r[i]));
    const casts = insert.columns
      .map((c, i) => `$${i + 1}::${c.type === 'int' ? 'int4' : 'text'}[]`)
      .join(', ');
    const text = `insert into ${insert.table} (${names}) select * from unnest(${casts}) ${suffix}`;
    await db.executeQuery(CompiledQuery.raw(text, arrays));
    return;
  }
  const cells = insert.columns.map((_, i) => `value ->> ${i}`).join(', ');
  // SQLite needs the WHERE to tell an upsert's ON from a join's.
  const text = `insert into ${insert.table} (${names}) select ${cells} from json_each(?) where true ${suffix}`;
  await db.executeQuery(CompiledQuery.raw(text, [JSON.stringify(insert.rows)]));
}

/** `select <columns> from <table> where <column> in (<values>)`, text values. */
export async function selectWhereIn<R>(
  db: QmDatabase,
  query: { table: string; columns: string; column: string },
  values: readonly string[],
): Promise<R[]> {
  if (values.length === 0) return [];
  const head = `select ${query.columns} from ${query.table} where ${query.column}`;
  const compiled =
    dialectOf(db) === 'postgres'
      ? CompiledQuery.raw(`${head} = any($1::text[])`, [values])
      : CompiledQuery.raw(`${head} in (select value from json_each(?))`, [
          JSON.stringify(values),
        ]);
  const result = await db.executeQuery<R>(compiled);
  return result.rows;
}
