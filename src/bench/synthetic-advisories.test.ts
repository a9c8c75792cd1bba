import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, test } from 'vitest';
import { importAdvisories } from '../advisories/import-advisories.js';
import { advisoryTables } from '../store/advisories/tables.js';
import { TEST_DIALECTS, useTestStore } from '../test-support/databases.js';
import { SHARED_DIR } from '../test-support/shared.js';
import {
  shiftVersion,
  writeSyntheticOsvZip,
  type UsedPackageName,
} from './synthetic-advisories.js';

const ADVISORIES = path.join(SHARED_DIR, 'advisories');
const USED: UsedPackageName[] = [
  { ecosystem: 'npm', name: 'lodash', weight: 8 },
  { ecosystem: 'npm', name: 'axios', weight: 1 },
  { ecosystem: 'Go', name: 'golang.org/x/net', weight: 1 },
];

function tempZip(): string {
  return path.join(
    mkdtempSync(path.join(tmpdir(), 'qm-synthetic-')),
    'all.zip',
  );
}

function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

/** Every entry of the archive, inflated by fflate (not the feed reader). */
function entriesOf(file: string): Array<Record<string, unknown>> {
  return Object.values(unzipSync(readFileSync(file))).map(
    (data) => JSON.parse(strFromU8(data)) as Record<string, unknown>,
  );
}

describe('writeSyntheticOsvZip', () => {
  test('writes count records of new ids, one archive per seed', async () => {
    const [a, b, c] = [tempZip(), tempZip(), tempZip()];
    const options = { advisoriesDir: ADVISORIES, count: 2_000, seed: 3 };

    const made = await writeSyntheticOsvZip({ ...options, out: a });
    await writeSyntheticOsvZip({ ...options, out: b });
    await writeSyntheticOsvZip({ ...options, out: c, seed: 4 });

    const records = entriesOf(a);
    expect(records).toHaveLength(2_000);
    expect(made.records).toBe(2_000);
    expect(new Set(records.map((r) => r.id)).size).toBe(2_000);
    expect(records.every((r) => String(r.id).startsWith('QMSYN-'))).toBe(true);
    expect(sha256(a)).toBe(sha256(b));
    expect(sha256(a)).not.toBe(sha256(c));
    expect(made.bytes).toBe(readFileSync(a).length);
  });

  test('names used packages in about usedShare of records, by weight', async () => {
    const out = tempZip();

    const made = await writeSyntheticOsvZip({
      advisoriesDir: ADVISORIES,
      out,
      count: 4_000,
      packageNames: USED,
      usedShare: 0.05,
    });

    const firstNames = entriesOf(out).map((r) => {
      const affected = r.affected as Array<{ package: { name: string } }>;
      return affected[0]?.package.name;
    });
    const count = (name: string) => firstNames.filter((n) => n === name).length;
    const used = count('lodash') + count('axios') + count('golang.org/x/net');
    expect(used).toBe(made.used);
    expect(used).toBeGreaterThan(4_000 * 0.03);
    expect(used).toBeLessThan(4_000 * 0.07);
    expect(count('lodash')).toBeGreaterThan(3 * count('axios'));
  });

  test.each([
    ['1.2.5', 2, '1.4.5'],
    ['v0.17.0', 1, 'v0.18.0'],
    ['1.21.0-0', 1, '1.22.0-0'],
    ['0', 2, '0'],
    ['2', 1, '2'],
    [
      '74ea7cf7a6a27a4eeb2ae24e162bcc942a6706d5',
      1,
      '74ea7cf7a6a27a4eeb2ae24e162bcc942a6706d5',
    ],
  ])('shifts %s by %i to %s', (version, delta, expected) => {
    expect(shiftVersion(version, delta)).toBe(expected);
  });
});

describe.each(TEST_DIALECTS)('a synthetic export imported on %s', (dialect) => {
  const store = useTestStore(dialect);

  test('every record lands, and aliased ones merge', async () => {
    const out = tempZip();
    const made = await writeSyntheticOsvZip({
      advisoriesDir: ADVISORIES,
      out,
      count: 3_000,
      packageNames: USED,
      seed: 11,
    });
    // Independent route: the archive's entries counted by fflate.
    let entries = 0;
    unzipSync(readFileSync(out), {
      filter: () => {
        entries += 1;
        return false;
      },
    });

    const result = await importAdvisories(store.db, out, {
      match: false,
      batchRecords: 500,
    });

    const db = advisoryTables(store.db);
    const stored = await db
      .selectFrom('advisories')
      .select(sql<number>`count(*)`.as('n'))
      .executeTakeFirstOrThrow();
    const groups = await db
      .selectFrom('vulnerabilities')
      .select(sql<number>`count(*)`.as('n'))
      .executeTakeFirstOrThrow();
    expect(entries).toBe(3_000);
    expect(result.records).toBe(entries);
    expect(result.written).toBe(entries);
    expect(Number(stored.n)).toBe(entries);
    expect(made.aliased).toBeGreaterThan(100);
    expect(Number(groups.n)).toBeLessThan(entries - made.aliased / 2);
    expect(result.vulnerabilities).toBe(Number(groups.n));
  });
});
