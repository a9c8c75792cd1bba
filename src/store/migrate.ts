import { Migrator, type MigrationProvider } from 'kysely/migration';
import { QuartermasterError } from '../core/errors.js';
import { moduleLogger } from '../core/log.js';
import type { QmDatabase } from './database.js';
import { MIGRATIONS } from './migrations/index.js';

const log = moduleLogger('store.migrate');

const provider: MigrationProvider = {
  getMigrations: () => Promise.resolve(MIGRATIONS),
};

/** Brings the schema up to date; safe to call on every start. */
export async function migrateToLatest(db: QmDatabase): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error) {
    const failed = results.find((r) => r.status === 'Error');
    throw new QuartermasterError(
      'ERR_STORE_MIGRATION',
      `database migration ${failed?.migrationName ?? '(unknown)'} failed: ${
        error instanceof Error ? error.message : String(error)
      }; the schema is left at the last successful migration; ` +
        'check that the database is reachable and writable, then run again',
      { cause: error },
    );
  }
  const applied = results.map((r) => r.migrationName);
  if (applied.length > 0) log.info({ applied }, 'migrations applied');
  return applied;
}
