import { existsSync } from 'node:fs';
import { loadConfig, type Config } from '../config/config.js';
import { InputError } from '../core/errors.js';
import type { Store } from '../store/open-store.js';

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
  { create = false }: { create?: boolean } = {},
): Promise<T> {
  const config = await resolveConfig(options);
  // Loaded here, not at start-up: only commands that use the store pay for
  // its drivers.
  const { defaultDatabasePath, isPostgresTarget, openStore } =
    await import('../store/open-store.js');
  const { migrateToLatest } = await import('../store/migrate.js');
  const target = config.database ?? defaultDatabasePath();
  // A typo in --db must not answer "no service uses it" from a fresh,
  // empty database: only commands that write may create one.
  if (
    !create &&
    !isPostgresTarget(target) &&
    target !== ':memory:' &&
    !existsSync(target)
  ) {
    throw new InputError(
      'ERR_STORE_NOT_FOUND',
      `no database at ${target}; check --db or QM_DB, or run \`quartermaster scan\` first to create it`,
    );
  }
  const store = openStore(target);
  try {
    await migrateToLatest(store.db).catch((error: unknown) => {
      throw explainConnectionError(error, target);
    });
    return await work(store, config);
  } finally {
    await store.close();
  }
}

/** PostgreSQL's "database does not exist" is bad input, not a failed migration. */
function explainConnectionError(error: unknown, target: string): unknown {
  const cause = (error as { cause?: { code?: string } }).cause;
  if (cause?.code === '3D000') {
    const name = new URL(target).pathname.slice(1);
    return new InputError(
      'ERR_STORE_NOT_FOUND',
      `PostgreSQL has no database "${name}"; create it (createdb ${name}) or check --db`,
      { cause: error },
    );
  }
  return error;
}
