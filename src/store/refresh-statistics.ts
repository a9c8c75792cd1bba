import { sql } from 'kysely';
import { moduleLogger } from '../core/log.js';
import type { QmDatabase } from './database.js';
import { dialectOf } from './dialect.js';

const log = moduleLogger('store.statistics');

/**
 * Rows a write must change before the planner's statistics are refreshed:
 * PostgreSQL's own autovacuum asks for 50 rows plus a tenth of the table,
 * and refreshing costs a sample of each table (about 0.2 s for a few
 * million rows), so small writes leave it to autovacuum.
 */
export const STATISTICS_REFRESH_ROWS = 5_000;

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
  if (options.tables.length === 0) return;
  const started = performance.now();
  await sql`analyze ${sql.join(options.tables.map((t) => sql.table(t)))}`.execute(
    db,
  );
  log.debug(
    {
      tables: options.tables,
      ms: Math.round(performance.now() - started),
    },
    'planner statistics refreshed',
  );
}
