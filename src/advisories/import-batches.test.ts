import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  TEST_DIALECTS,
  createTestStore,
  useTestStore,
} from '../test-support/databases.js';
import { SHARED_DIR, listFiles } from '../test-support/shared.js';
import { graphOf, serviceRecord } from '../store/__fixtures__/graphs.js';
import type { QmDatabase } from '../store/database.js';
import { advisoryTables } from '../store/advisories/tables.js';
import { startScan } from '../store/scans/start-scan.js';
import { writeSnapshot } from '../store/services/write-snapshot.js';
import { importAdvisories } from './import-advisories.js';
import { packageKey } from './matching/package-key.js';
import { mergeRecords } from './merge.js';
import type { AdvisoryRecord } from './model.js';
import { osvFeed } from './sources/osv/index.js';

const ADVISORIES = path.join(SHARED_DIR, 'advisories');
const FOLDERS = [
  'github-advisory-database',
  'golang-vulndb',
  'pypa-advisory-database',
  'rustsec-advisory-db',
];

/** The four shared databases side by side in one temp folder. */
function sharedSet(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'qm-batches-'));
  for (const folder of FOLDERS)
    for (const file of listFiles(path.join(ADVISORIES, folder))) {
      const to = path.join(root, folder, file);
      mkdirSync(path.dirname(to), { recursive: true });
      writeFileSync(to, readFileSync(path.join(ADVISORIES, folder, file)));
    }
  return root;
}

function osvText(id: string, aliases: string[]): string {
  return JSON.stringify({
    id,
    modified: '2024-01-01T00:00:00Z',
    aliases,
    affected: [
      {
        package: { ecosystem: 'npm', name: 'left-pad' },
        ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }] }],
      },
    ],
  });
}

function byId<T extends { id: string }>(rows: T[]): T[] {
  return rows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

async function storedGroups(db: QmDatabase) {
  const t = advisoryTables(db);
  const records = await t
    .selectFrom('advisories')
    .select(['id', 'vulnerability_id'])
    .execute();
  const vulnerabilities = await t
    .selectFrom('vulnerabilities')
    .select(['id', 'ids', 'modified', 'withdrawn', 'severity'])
    .execute();
  return { records: byId(records), vulnerabilities: byId(vulnerabilities) };
}

async function snapshot(
  db: QmDatabase,
  name: string,
  pkg: { name: string; version: string; ecosystem: 'npm' | 'Go' },
) {
  const scanId = await startScan(db);
  await writeSnapshot(db, {
    scanId,
    service: serviceRecord(name),
    graph: graphOf({ packages: [{ ...pkg, direct: true }] }),
    contentHash: `${name}-${Date.now()}`,
    takenAt: new Date().toISOString(),
  });
}

describe.each(TEST_DIALECTS)('importAdvisories in batches on %s', (dialect) => {
  const store = useTestStore(dialect);

  test('tiny batches group the shared set as one batch does', async () => {
    const root = sharedSet();
    const whole = await createTestStore(dialect);
    try {
      // Independent route: every record merged in memory at once.
      const all = (
        await Promise.all(
          FOLDERS.map((f) => osvFeed.read(path.join(ADVISORIES, f))),
        )
      ).flatMap((b) => b.records);
      const expected = mergeRecords(all).map((v) => [v.id, v.ids]);

      const small = await importAdvisories(store.db, root, {
        match: false,
        batchRecords: 25,
      });
      await importAdvisories(whole.db, root, { match: false });

      const got = await storedGroups(store.db);
      expect(got).toEqual(await storedGroups(whole.db));
      expect(
        got.vulnerabilities.map((v) => [v.id, JSON.parse(v.ids) as string[]]),
      ).toEqual(expected);
      // GO-2023-2102 comes many batches after its GHSA twin.
      expect(
        got.records.find((r) => r.id === 'GO-2023-2102')?.vulnerability_id,
      ).toBe('GHSA-4374-p667-p6c8');
      expect(small.records).toBe(1068);
      expect(small.written).toBe(1068);
      expect(small.vulnerabilities).toBe(expected.length);
    } finally {
      await whole.destroy();
    }
  });

  test('a later batch joins two earlier groups into one', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'qm-join-'));
    writeFileSync(path.join(dir, 'a.json'), osvText('QM-A', ['CVE-X']));
    writeFileSync(path.join(dir, 'b.json'), osvText('QM-B', ['CVE-Y']));
    writeFileSync(
      path.join(dir, 'c.json'),
      osvText('QM-C', ['CVE-X', 'CVE-Y']),
    );

    const result = await importAdvisories(store.db, dir, {
      match: false,
      batchRecords: 1,
    });

    const got = await storedGroups(store.db);
    expect(got.records.map((r) => r.vulnerability_id)).toEqual([
      'QM-A',
      'QM-A',
      'QM-A',
    ]);
    expect(
      got.vulnerabilities.map((v) => [v.id, JSON.parse(v.ids) as string[]]),
    ).toEqual([['QM-A', ['CVE-X', 'CVE-Y', 'QM-A', 'QM-B', 'QM-C']]]);
    expect(result.vulnerabilities).toBe(1);
  });

  test('each named package keeps its affected entries beside it', async () => {
    await importAdvisories(store.db, path.join(ADVISORIES, 'golang-vulndb'), {
      match: false,
    });

    const db = advisoryTables(store.db);
    const rows = await db
      .selectFrom('advisory_packages as ap')
      .innerJoin('advisories as a', 'a.id', 'ap.advisory_id')
      .select(['ap.name_key', 'ap.ecosystem', 'ap.affected', 'a.record'])
      .execute();
    // Independent route: the stored record's entries for that package.
    const mismatched = rows.filter((row) => {
      const record = JSON.parse(row.record) as AdvisoryRecord;
      const expected = record.affected.filter(
        (e) =>
          e.ecosystem === row.ecosystem &&
          packageKey(e.ecosystem, e.name) === row.name_key,
      );
      return JSON.stringify(expected) !== row.affected;
    });
    expect(rows.length).toBeGreaterThan(474);
    expect(mismatched).toEqual([]);
  });

  test('many changes match every snapshot once, few match only theirs', async () => {
    await snapshot(store.db, 'checkout', {
      name: 'lodash',
      version: '4.17.20',
      ecosystem: 'npm',
    });
    await snapshot(store.db, 'gateway', {
      name: 'golang.org/x/net',
      version: 'v0.16.0',
      ecosystem: 'Go',
    });

    // A fresh store: all 34 vulnerabilities are new, a full match runs.
    const first = await importAdvisories(
      store.db,
      path.join(ADVISORIES, 'github-advisory-database'),
      { batchRecords: 5 },
    );
    // One of 34 changes: only snapshots naming golang.org/x/net.
    const second = await importAdvisories(
      store.db,
      path.join(ADVISORIES, 'golang-vulndb/GO-2023-2102.json'),
    );

    expect(first.snapshots).toBe(2);
    expect(first.findings).toBeGreaterThan(0);
    expect(second.vulnerabilities).toBe(1);
    expect(second.snapshots).toBe(1);
  });
});
