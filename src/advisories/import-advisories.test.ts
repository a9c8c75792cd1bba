import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { readKevCatalog } from './enrichment/kev.js';
import { TEST_DIALECTS, useTestStore } from '../test-support/databases.js';
import { SHARED_DIR } from '../test-support/shared.js';
import {
  graphOf,
  serviceRecord,
  type PackageLine,
} from '../store/__fixtures__/graphs.js';
import type { QmDatabase } from '../store/database.js';
import { advisoryTables } from '../store/advisories/tables.js';
import { startScan } from '../store/scans/start-scan.js';
import { writeSnapshot } from '../store/services/write-snapshot.js';
import { importAdvisories } from './import-advisories.js';
import { matchSnapshot } from './matching/match-all.js';

const ADVISORIES = path.join(SHARED_DIR, 'advisories');
const GHSA = path.join(ADVISORIES, 'github-advisory-database');
const EDGE = { internetFacing: true, userData: false, paymentPath: false };

const log4j214 = {
  name: 'org.apache.logging.log4j:log4j-core',
  version: '2.14.1',
  direct: true,
  ecosystem: 'Maven',
} as const;
const log4j217 = { ...log4j214, version: '2.17.1' };
const axios = { name: 'axios', version: '1.7.3' };
const follow = { name: 'follow-redirects', version: '1.15.6', direct: true };
const lodash = { name: 'lodash', version: '4.17.21', direct: true };
const vm2 = {
  name: 'vm2',
  version: '3.9.19',
  direct: true,
  scope: 'dev',
} as const;
const xnet = {
  name: 'golang.org/x/net',
  version: 'v0.16.0',
  direct: true,
  ecosystem: 'Go',
} as const;

async function snapshot(
  db: QmDatabase,
  name: string,
  packages: PackageLine[],
  exposure = EDGE,
  edges: [string, string][] = [],
) {
  const scanId = await startScan(db);
  const written = await writeSnapshot(db, {
    scanId,
    service: serviceRecord(name, { exposure }),
    graph: graphOf({ packages, edges }),
    contentHash: `${name}-${packages.length}-${Date.now()}`,
    takenAt: new Date().toISOString(),
  });
  return written.snapshotId;
}

async function findings(db: QmDatabase) {
  const rows = await advisoryTables(db)
    .selectFrom('findings as f')
    .innerJoin('services as s', 's.id', 'f.service_id')
    .innerJoin('packages as p', 'p.id', 'f.package_id')
    .select([
      's.name as service',
      'p.name as pkg',
      'f.vulnerability_id',
      'f.priority',
      'f.fixed_versions',
      'f.first_seen',
      'f.snapshot_id',
      'f.depth',
      'f.paths',
      'f.direct',
    ])
    .orderBy('s.name')
    .orderBy('f.vulnerability_id')
    .execute();
  return rows;
}

describe.each(TEST_DIALECTS)(
  'importAdvisories and matching on %s',
  (dialect) => {
    const store = useTestStore(dialect);

    test('match snapshots against the GHSA set, with findings read by hand from the advisories', async () => {
      await snapshot(
        store.db,
        'checkout',
        [log4j214, axios, lodash, follow],
        EDGE,
        [
          ['root', 'org.apache.logging.log4j:log4j-core@2.14.1'],
          ['root', 'follow-redirects@1.15.6'],
          ['root', 'lodash@4.17.21'],
          ['follow-redirects@1.15.6', 'axios@1.7.3'],
        ],
      );
      await snapshot(store.db, 'docs', [log4j217, vm2]);
      const kev = await readKevCatalog(
        path.join(
          ADVISORIES,
          'enrichment/cisa-kev/known_exploited_vulnerabilities.json',
        ),
      );

      const result = await importAdvisories(store.db, GHSA, {
        enrichment: { kev },
      });

      // log4j-core 2.14.1: Log4Shell [2.13.0, 2.15.0) and CVE-2021-45105 [2.13.0, 2.17.0);
      // axios 1.7.3: GHSA-8hc4 [1.3.2, 1.7.4); follow-redirects 1.15.6: GHSA-cxjh
      // [0, 1.15.6) does not hold it; lodash 4.17.21 is fixed in both lodash
      // advisories; vm2 3.9.19 is the last affected version of GHSA-cchq.
      const rows = await findings(store.db);
      expect(rows.map((r) => [r.service, r.pkg, r.vulnerability_id])).toEqual(
        [
          [
            'checkout',
            'org.apache.logging.log4j:log4j-core',
            'GHSA-jfh8-c2jp-5v3q',
          ],
          [
            'checkout',
            'org.apache.logging.log4j:log4j-core',
            'GHSA-p6xc-xr62-6r2g',
          ],
          ['checkout', 'axios', 'GHSA-8hc4-vh64-cxmj'],
          ['docs', 'vm2', 'GHSA-cchq-frgv-rjh5'],
        ].sort(
          (a, b) =>
            (a[0] as string).localeCompare(b[0] as string) ||
            (a[2] as string).localeCompare(b[2] as string),
        ),
      );
      expect(result.records).toBe(34);
      expect(result.written).toBe(34);
      const log4shell = rows.find(
        (r) => r.vulnerability_id === 'GHSA-jfh8-c2jp-5v3q',
      );
      expect(log4shell?.priority).toBe('P1'); // critical, KEV, internet-facing
      expect(JSON.parse(log4shell?.fixed_versions ?? '[]')).toEqual(['2.15.0']);
      const axiosRow = rows.find((r) => r.pkg === 'axios');
      expect([axiosRow?.direct, axiosRow?.depth, axiosRow?.paths]).toEqual([
        0, 2, 1,
      ]);
      expect(rows.find((r) => r.pkg === 'vm2')?.priority).toBe('P3'); // dev only
    });

    test('match a new advisory against only the snapshots naming its packages', async () => {
      await importAdvisories(store.db, GHSA);
      await snapshot(store.db, 'checkout', [log4j214]);
      await snapshot(store.db, 'gateway', [xnet]);
      await snapshot(store.db, 'docs', [lodash]);

      const result = await importAdvisories(
        store.db,
        path.join(ADVISORIES, 'golang-vulndb/GO-2023-2102.json'),
      );

      // GO-2023-2102 aliases GHSA-4374-p667-p6c8 (in the GHSA set): one vulnerability.
      expect(result.snapshots).toBe(1);
      const rows = await findings(store.db);
      expect(
        rows
          .filter((r) => r.service === 'gateway')
          .map((r) => [r.vulnerability_id, JSON.parse(r.fixed_versions)]),
      ).toEqual([['GHSA-4374-p667-p6c8', ['0.17.0']]]);
      expect(rows.filter((r) => r.service === 'checkout')).toHaveLength(0); // not matched yet: no full run
    });

    test('drop the finding when a newer copy of the advisory is withdrawn', async () => {
      await snapshot(store.db, 'checkout', [axios]);
      const file = path.join(GHSA, 'npm/GHSA-8hc4-vh64-cxmj.json');
      await importAdvisories(store.db, file);
      const before = await findings(store.db);
      const withdrawn = JSON.parse(readFileSync(file, 'utf8')) as Record<
        string,
        unknown
      >;
      withdrawn.modified = '2030-01-01T00:00:00Z';
      withdrawn.withdrawn = '2030-01-01T00:00:00Z';
      const dir = mkdtempSync(path.join(tmpdir(), 'qm-withdrawn-'));
      writeFileSync(
        path.join(dir, 'GHSA-8hc4-vh64-cxmj.json'),
        JSON.stringify(withdrawn),
      );

      const result = await importAdvisories(store.db, dir);

      expect(before).toHaveLength(1);
      expect(result.written).toBe(1);
      expect(await findings(store.db)).toEqual([]);
    });

    test('keep an older copy out and first_seen across snapshots', async () => {
      const first = await snapshot(store.db, 'checkout', [axios]);
      const file = path.join(GHSA, 'npm/GHSA-8hc4-vh64-cxmj.json');
      await importAdvisories(store.db, file, {
        now: '2026-01-01T00:00:00.000Z',
      });
      const again = await importAdvisories(store.db, file);
      const second = await snapshot(store.db, 'checkout', [axios, lodash]);

      const count = await matchSnapshot(store.db, second, {
        now: '2026-06-01T00:00:00.000Z',
      });

      expect(again.written).toBe(0);
      expect(count).toBe(1);
      const rows = await findings(store.db);
      // The superseded snapshot's finding is gone; its date carried over.
      expect(rows.map((r) => [r.snapshot_id, r.first_seen])).toEqual([
        [second, '2026-01-01T00:00:00.000Z'],
      ]);
      expect(first).toBeLessThan(second);
    });
  },
);
