import { CompiledQuery, sql, type RawBuilder, type SqlBool } from 'kysely';
import type { QmDatabase } from './database.js';
import { dialectOf } from './dialect.js';
import { COPY_MARK } from './postgres-copy.js';
import { ROW_BATCH_MARK } from './sqlite-row-batches.js';

/*
 * Bulk statements for the hot paths of a snapshot write. Rows travel as a
 * COPY stream (PostgreSQL, postgres-copy.ts; upserts, which COPY cannot
 * do, as one array per column through unnest) or as one row batch
 * (SQLite, sqlite-row-batches.ts), so a statement's text is the same for
 * 10 rows or 10,000: no parameter limit to chunk around.
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
  if (dialectOf(db) === 'postgres' && !insert.suffix) {
    const text = `${COPY_MARK}copy ${insert.table} (${names}) from stdin`;
    await db.executeQuery(CompiledQuery.raw(text, [insert.rows]));
    return;
  }
  if (dialectOf(db) === 'postgres') {
    const arrays = insert.columns.map((_, i) => insert.rows.map((r) => r[i]));
    const casts = insert.columns
      .map((c, i) => `$${i + 1}::${c.type === 'int' ? 'int4' : 'text'}[]`)
      .join(', ');
    const text = `insert into ${insert.table} (${names}) select * from unnest(${casts}) ${suffix}`;
    await db.executeQuery(CompiledQuery.raw(text, arrays));
    return;
  }
  const marks = insert.columns.map(() => '?').join(', ');
  const text = `${ROW_BATCH_MARK}insert into ${insert.table} (${names}) values (${marks}) ${suffix}`;
  await db.executeQuery(CompiledQuery.raw(text, [insert.rows]));
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

/** A package node of a snapshot, with its package's name and version. */
export interface NodeName {
  snapshot_id: number;
  node: number;
  name: string;
  version: string | null;
}

/**
 * Names and versions of the given (snapshot, node) pairs, in one query
 * joined to the pairs themselves (so each is a primary-key lookup).
 */
export async function selectNodeNames(
  db: QmDatabase,
  pairs: readonly (readonly [number, number])[],
): Promise<NodeName[]> {
  if (pairs.length === 0) return [];
  const tail = 'join packages p on p.id = sp.package_id';
  const compiled =
    dialectOf(db) === 'postgres'
      ? CompiledQuery.raw(
          'select sp.snapshot_id, sp.node, p.name, p.version ' +
            'from unnest($1::int4[], $2::int4[]) as w(snapshot_id, node) ' +
            'join snapshot_packages sp on sp.snapshot_id = w.snapshot_id ' +
            `and sp.node = w.node ${tail}`,
          [pairs.map((p) => p[0]), pairs.map((p) => p[1])],
        )
      : CompiledQuery.raw(
          'select sp.snapshot_id, sp.node, p.name, p.version ' +
            'from json_each(?) w join snapshot_packages sp ' +
            'on sp.snapshot_id = w.value ->> 0 and sp.node = w.value ->> 1 ' +
            tail,
          [JSON.stringify(pairs)],
        );
  const result = await db.executeQuery<NodeName>(compiled);
  return result.rows;
}

/**
 * `column IN (values)` as one parameter, whatever the list's length: a
 * PostgreSQL array (`= any`) or a SQLite JSON array (`json_each`). Use it in
 * `.where(...)` instead of chunking long IN lists.
 */
export function memberOf(
  db: QmDatabase,
  column: string | RawBuilder<unknown>,
  values: readonly (number | string)[],
  type: 'int' | 'text',
): RawBuilder<SqlBool> {
  const target = typeof column === 'string' ? sql.ref(column) : column;
  if (dialectOf(db) === 'postgres') {
    const cast = sql.raw(type === 'int' ? 'int4[]' : 'text[]');
    return sql<SqlBool>`${target} = any(${[...values]}::${cast})`;
  }
  return sql<SqlBool>`${target} in (select value from json_each(${JSON.stringify(values)}))`;
}
