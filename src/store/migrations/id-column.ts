import type { ColumnDefinitionBuilder, Kysely } from 'kysely';
import { dialectOf } from '../dialect.js';

/**
 * The integer primary key both dialects understand: a rowid alias on
 * SQLite, an int4 identity on PostgreSQL (so ids come back as numbers, never
 * as the strings pg returns for bigint).
 */
export function idColumn(
  db: Kysely<unknown>,
): (column: ColumnDefinitionBuilder) => ColumnDefinitionBuilder {
  return dialectOf(db) === 'postgres'
    ? (column) => column.primaryKey().generatedByDefaultAsIdentity()
    : (column) => column.primaryKey().autoIncrement();
}
