import { existsSync } from 'node:fs';
import path from 'node:path';
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
  // A URL of another database would otherwise become a SQLite file of that name.
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(target) && !isPostgresTarget(target))
    throw new InputError(
      'ERR_STORE_URL',
      `--db ${target} is not a store Quartermaster can use; give a SQLite file path or a postgres:// URL`,
    );
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
  // Only the default store's folder is made on the fly: a folder named by
  // --db that does not exist is more likely a typo than a wish.
  const folder = path.dirname(path.resolve(target));
  if (
    !isPostgresTarget(target) &&
    target !== ':memory:' &&
    config.database !== undefined &&
    !existsSync(folder)
  ) {
    throw new InputError(
      'ERR_STORE_NOT_FOUND',
      `the folder ${folder} for the database ${target} does not exist; ` +
        'create it first, or check --db or QM_DB',
    );
  }
  const store = await Promise.resolve()
    .then(() => openStore(target))
    .catch((error: unknown) => {
      throw explainConnectionError(error, target);
    });
  try {
    await migrateToLatest(store.db).catch((error: unknown) => {
      throw explainConnectionError(error, target);
    });
    return await work(store, config);
  } finally {
    await store.close();
  }
}

/**
 * What a store that cannot be opened says to the user: bad input for a file
 * that is no database or a database that does not exist, an upstream
 * failure for a server that does not answer.
 */
function explainConnectionError(error: unknown, target: string): unknown {
  const failure = error as { code?: string; cause?: { code?: string } };
  const code = failure.cause?.code ?? failure.code;
  if (code === '3D000') {
    const name = new URL(target).pathname.slice(1);
    return new InputError(
      'ERR_STORE_NOT_FOUND',
      `PostgreSQL has no database "${name}"; create it (createdb ${name}) or check --db`,
      { cause: error },
    );
  }
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CANTOPEN')
    return new InputError(
      'ERR_STORE_UNREADABLE',
      `${target} is ${code === 'SQLITE_NOTADB' ? 'not a SQLite database' : 'a file SQLite cannot open (a folder, or no permission)'}; check --db or QM_DB`,
      { cause: error },
    );
  // Exit 2 as for bad input, not 1: for `vulns`, 1 means findings.
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'ETIMEDOUT')
    return new InputError(
      'ERR_STORE_UNREACHABLE',
      `PostgreSQL at ${new URL(target).host} did not answer (${code}); check that the server runs and that --db names it`,
      { cause: error },
    );
  return error;
}
