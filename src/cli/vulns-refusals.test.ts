import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { writeTwoServices } from '../advisories/decisions/__fixtures__/two-services.js';
import { migrateToLatest } from '../store/migrate.js';
import { openStore } from '../store/open-store.js';
import { main } from './main.js';

afterEach(() => {
  vi.restoreAllMocks();
});

async function run(db: string, ...args: string[]) {
  let err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    err += String(chunk);
    return true;
  });
  const code = await main(['node', 'quartermaster', '--db', db, ...args]);
  vi.restoreAllMocks();
  return { code, err };
}

describe('vulns refuses what would read as a clean bill of health', () => {
  test('a store without advisories exits 2 and says to import them', async () => {
    const file = path.join(
      mkdtempSync(path.join(tmpdir(), 'qm-cli-')),
      'qm.db',
    );
    const store = openStore(file);
    await migrateToLatest(store.db);
    await writeTwoServices(store.db);
    await store.close();

    const result = await run(file, 'vulns');

    expect(result.code).toBe(2);
    expect(result.err).toContain('ERR_NO_ADVISORIES');
    expect(result.err).toContain('advisories import');
  });
});
