import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { QmDatabase } from '../store/database.js';
import type { DialectName } from '../store/dialect.js';
import { migrateToLatest } from '../store/migrate.js';
import { openStore, type Store } from '../store/open-store.js';

/**
 * Real databases for storage tests. Every test file runs its cases once per
 * dialect named in `QM_TEST_DATABASES` (default `sqlite,postgres`):
 *
 * @example
 * describe.each(TEST_DIALECTS)('%s', (dialect) => {
 *   const store = useTestStore(dialect);
 *   test('...', async () => { await store.db.selectFrom(...) });
 * });
 *
 * SQLite gets a file in a fresh temp folder; PostgreSQL a database
 * `qm_test_<random>` created on the server of `QM_TEST_PG_URL` (default
 * `postgres://postgres@127.0.0.1:5432/test`) and dropped afterwards, so test
 * files running at the same time never share one.
 */
export const TEST_DIALECTS: DialectName[] = (
  process.env.QM_TEST_DATABASES ?? 'sqlite,postgres'
)
  .split(',')
  .map((d) => d.trim())
  .filter((d): d is DialectName => d === 'sqlite' || d === 'postgres');

const ADMIN_URL =
  process.env.QM_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A fresh, migrated store and the way to throw it away. */
export interface TestStore extends Store {
  destroy(): Promise<void>;
}

/** Creates a fresh migrated database of the given dialect. */
export async function createTestStore(
  dialect: DialectName,
): Promise<TestStore> {
  const store =
    dialect === 'postgres' ? await createPostgres() : createSqlite();
  await migrateToLatest(store.db);
  return store;
}

function createSqlite(): TestStore {
  const dir = mkdtempSync(path.join(tmpdir(), 'qm-store-'));
  const store = openStore(path.join(dir, 'test.db'));
  return {
    ...store,
    destroy: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function createPostgres(): Promise<TestStore> {
  const name = `qm_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const store = openStore(url.toString());
  return {
    ...store,
    destroy: async () => {
      await store.close();
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** The current test's database; valid inside tests only. */
export interface TestStoreHandle {
  readonly db: QmDatabase;
  readonly dialect: DialectName;
}

/**
 * Registers hooks that give each test (`per: 'test'`, the default) or the
 * whole describe block (`per: 'file'`) a fresh migrated database.
 */
export function useTestStore(
  dialect: DialectName,
  { per = 'test' }: { per?: 'test' | 'file' } = {},
): TestStoreHandle {
  let current: TestStore | undefined;
  const before = per === 'test' ? beforeEach : beforeAll;
  const after = per === 'test' ? afterEach : afterAll;
  before(async () => {
    current = await createTestStore(dialect);
  });
  after(async () => {
    await current?.destroy();
    current = undefined;
  });
  return {
    get db() {
      if (!current) throw new Error('test store used outside a test');
      return current.db;
    },
    dialect,
  };
}
