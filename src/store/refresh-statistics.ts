import { sql } from 'kysely';
import { moduleLogger } from '../core/log.js';
import type { QmDatabase } from './database.js';
import { dialectOf } from './dialect.js';

const log = moduleLogger('store.statistics');

/**
 * A write refreshes the statistics of a table when it changed at least
 * this many rows and this share of the rows the table held at the last
 * refresh, as PostgreSQL's autovacuum would (50 rows plus a tenth): a
 * refresh samples the table (about 0.2 s at a few million rows), which a
 * new advisory's few thousand findings in a large store are not worth.
 */
export const STATISTICS_REFRESH_ROWS = 5_000;
const STATISTICS_REFRESH_SHARE = 0.1;

/** Tables whose statistics a bulk write may leave stale. */
export type StatisticsTable =
  | 'snapshot_packages'
  | 'snapshots'
  | 'packages'
  | 'services'
  | 'advisories'
  | 'advisory_ids'
  | 'advisory_packages'
  | 'vulnerabilities'
  | 'findings';

/**
 * Refreshes PostgreSQL's planner statistics of `tables` after a bulk write
 * that changed `changedRows` rows. Without them (a fresh store, or a
 * server with autovacuum off or lagging behind a large import), the
 * planner guessed a handful of rows per table and scanned every finding or
 * package use for questions that an index answers in milliseconds.
 * SQLite keeps no statistics unless asked, and its planner already takes
 * the indexes these queries are written for: nothing is done there.
 */
export async function refreshStatistics(
  db: QmDatabase,
  options: { tables: readonly StatisticsTable[]; changedRows: number },
): Promise<void> {
  if (dialectOf(db) !== 'postgres') return;
  if (options.changedRows < STATISTICS_REFRESH_ROWS) return;
  const stale = await staleTables(db, options);
  if (stale.length === 0) return;
  const started = performance.now();
  await sql`analyze ${sql.join(stale.map((t) => sql.table(t)))}`.execute(db);
  log.debug(
    { tables: stale, ms: Math.round(performance.now() - started) },
    'planner statistics refreshed',
  );
}

/** The tables never analysed, or that the write changed by a tenth or more. */
async function staleTables(
  db: QmDatabase,
  options: { tables: readonly StatisticsTable[]; changedRows: number },
): Promise<StatisticsTable[]> {
  // reltuples is the row count of the last refresh, -1 before the first.
  const result = await sql<{ name: StatisticsTable; rows: number }>`
    select relname as name, reltuples as rows from pg_class
    where oid in (${sql.join(options.tables.map((t) => sql`to_regclass(${t})`))})`.execute(
    db,
  );
  return result.rows
    .filter(
      (r) =>
        r.rows < 0 ||
        options.changedRows >= Number(r.rows) * STATISTICS_REFRESH_SHARE,
    )
    .map((r) => r.name);
}
