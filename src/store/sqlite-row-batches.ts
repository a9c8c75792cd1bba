import type BetterSqlite3 from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/**
 * Marks a one-row INSERT whose only parameter is a list of rows: the
 * connection below binds each row in turn to one prepared statement.
 *
 * @example
 * db.executeQuery(CompiledQuery.raw(
 *   `${ROW_BATCH_MARK}insert into t (a, b) values (?, ?)`, [[[1, 'x'], [2, 'y']]]))
 */
export const ROW_BATCH_MARK = '/* qm:row-batch */ ';

/** Prepared row-batch statements kept at most; a handful exist. */
const MAX_BATCH_STATEMENTS = 64;

/** As the JSON rows it replaces stored them: undefined is NULL, a boolean 1 or 0. */
function bindable(value: unknown): unknown {
  if (value === undefined) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value;
}

function batchStatement(statement: BetterSqlite3.Statement): SqliteStatement {
  const refuse = (): never => {
    throw new Error('a row batch returns no rows');
  };
  return {
    reader: false,
    all: refuse,
    iterate: refuse,
    run(parameters) {
      const rows = parameters[0] as ReadonlyArray<readonly unknown[]>;
      let changes = 0;
      for (const row of rows)
        changes += statement.run(row.map(bindable)).changes;
      return { changes, lastInsertRowid: 0 };
    },
  };
}

/**
 * The better-sqlite3 connection as Kysely's SQLite dialect uses it, plus
 * row batches (ROW_BATCH_MARK). Binding rows one by one inside SQLite's
 * library writes about 1.7 times as fast as one JSON document taken apart
 * by `json_each` (half a million findings: 2.9 s against 5.0 s), and it
 * still runs on Kysely's connection, in its transaction.
 */
export function withRowBatches(
  connection: BetterSqlite3.Database,
): SqliteDatabase {
  const prepared = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => connection.close(),
    prepare(text) {
      if (!text.startsWith(ROW_BATCH_MARK)) return connection.prepare(text);
      let statement = prepared.get(text);
      if (!statement) {
        if (prepared.size >= MAX_BATCH_STATEMENTS) prepared.clear();
        statement = connection.prepare(text);
        if (statement.reader)
          throw new Error(`a row batch must write rows: ${text}`);
        prepared.set(text, statement);
      }
      return batchStatement(statement);
    },
  };
}
