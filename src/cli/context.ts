import { loadConfig, type Config } from '../config/config.js';
import { migrateToLatest } from '../store/migrate.js';
import {
  defaultDatabasePath,
  openStore,
  type Store,
} from '../store/open-store.js';

/** Options every command accepts. */
export interface GlobalOptions {
  db?: string;
  config?: string;
  json?: boolean;
}

/** Loads the configuration; `--db` beats QM_DB, which beats the file. */
export async function resolveConfig(options: GlobalOptions): Promise<Config> {
  const config = await loadConfig(options.config);
  return { ...config, database: options.db ?? config.database };
}

/**
 * Opens and migrates the store a command works on, runs `work` and closes
 * the store whatever happens.
 */
export async function withStore<T>(
  options: GlobalOptions,
  work: (store: Store, config: Config) => Promise<T>,
): Promise<T> {
  const config = await resolveConfig(options);
  const store = openStore(config.database ?? defaultDatabasePath());
  try {
    await migrateToLatest(store.db);
    return await work(store, config);
  } finally {
    await store.close();
  }
}
