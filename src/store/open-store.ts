import { mkdirSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Database, QmDatabase } from './database.js';
import type { DialectName } from './dialect.js';
import { moduleLogger } from '../core/log.js';
import { withCopy } from './postgres-copy.js';
import { withRowBatches } from './sqlite-row-batches.js';

const log = moduleLogger('store.open');

/**
 * An open store. Lifecycle: `openStore` connects (creating a SQLite file and
 * its folders when needed), `migrateToLatest(store.db)` brings the schema up
 * to date, `close()` releases the connection or pool.
 */
export interface Store {
  db: QmDatabase;
  dialect: DialectName;
  close(): Promise<void>;
}

/** `QM_DB` or `./.quartermaster/quartermaster.db`; the CLI's `--db` wins over both. */
export function defaultDatabasePath(): string {
  return process.env.QM_DB || path.join('.quartermaster', 'quartermaster.db');
}

/** True for a PostgreSQL connection URL; anything else is a SQLite path. */
export function isPostgresTarget(target: string): boolean {
  return /^postgres(ql)?:\/\//i.test(target);
}

/**
 * Opens the store at `target`: a `postgres://` or `postgresql://` URL, or a
 * SQLite file path (`:memory:` for a throwaway database).
 */
export function openStore(target: string = defaultDatabasePath()): Store {
  const db = isPostgresTarget(target)
    ? openPostgres(target)
    : openSqlite(target);
  const dialect: DialectName = isPostgresTarget(target) ? 'postgres' : 'sqlite';
  return { db, dialect, close: () => db.destroy() };
}

function openPostgres(url: string): QmDatabase {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle client losing its server must not crash the process; the next
  // query reconnects or fails with its own error.
  pool.on('error', (err) => log.warn({ err }, 'idle database connection lost'));
  return new Kysely<Database>({
    dialect: new PostgresDialect({ pool: withCopy(pool) }),
  });
}

function openSqlite(file: string): QmDatabase {
  if (file !== ':memory:') {
    mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  }
  const connection = new BetterSqlite3(file);
  // WAL lets readers (the portal) run beside a scan's writes; the busy
  // timeout covers a second process writing at the same moment.
  connection.pragma('journal_mode = WAL');
  connection.pragma('foreign_keys = ON');
  connection.pragma('busy_timeout = 5000');
  connection.pragma('synchronous = NORMAL');
  // Checkpoint every ~40 MB of WAL instead of every 4 MB: a match writing
  // findings for every service dirties a few thousand pages at once, and
  // copying them back on each commit cost more than the inserts. Pages
  // written again before the checkpoint are copied once.
  connection.pragma('wal_autocheckpoint = 10000');
  return new Kysely<Database>({
    dialect: new SqliteDialect({ database: withRowBatches(connection) }),
  });
}
