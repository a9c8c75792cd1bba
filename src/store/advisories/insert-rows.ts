import { CompiledQuery } from 'kysely';
import type { QmDatabase } from '../database.js';
import { chunk, dialectOf, rowsPerInsert } from '../dialect.js';

export type CellValue = string | number | null;

/**
 * INSERTs rows as multi-row VALUES, bound as they are: large text such as
 * a record's JSON is not escaped into a JSON array of rows and parsed
 * again (on SQLite that costs about 40% more), and PostgreSQL takes the
 * parameters' types from the columns.
 */
export async function insertRows(
  db: QmDatabase,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly CellValue[])[],
): Promise<void> {
  const postgres = dialectOf(db) === 'postgres';
  const head = `insert into ${table} (${columns.join(', ')}) values `;
  for (const part of chunk(rows, rowsPerInsert(columns.length))) {
    let n = 0;
    const tuples = part.map(
      () =>
        `(${columns.map(() => (postgres ? `$${(n += 1)}` : '?')).join(', ')})`,
    );
    await db.executeQuery(
      CompiledQuery.raw(head + tuples.join(', '), part.flat()),
    );
  }
}
