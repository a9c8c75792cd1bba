import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { TEST_DIALECTS, useTestStore } from '../test-support/databases.js';
import { SHARED_DIR } from '../test-support/shared.js';
import {
  graphOf,
  serviceRecord,
  type PackageLine,
} from '../store/__fixtures__/graphs.js';
import type { QmDatabase } from '../store/database.js';
import { startScan } from '../store/scans/start-scan.js';
import { writeSnapshot } from '../store/services/write-snapshot.js';
import {
  blastRadius,
  importAdvisories,
  importEnrichment,
  listFindings,
  matchAll,
} from './index.js';

const GHSA = path.join(SHARED_DIR, 'advisories/github-advisory-database');
const ENRICHMENT = path.join(SHARED_DIR, 'advisories/enrichment');
const log4j = (version: string): PackageLine => ({
  name: 'org.apache.logging.log4j:log4j-core',
  version,
  direct: true,
  ecosystem: 'Maven',
});

async function service(
  db: QmDatabase,
  name: string,
  packages: PackageLine[],
  internetFacing: boolean,
) {
  await writeSnapshot(db, {
    scanId: await startScan(db),
    service: serviceRecord(name, {
      owner: `group:default/team-${name}`,
      exposure: { internetFacing, userData: false, paymentPath: false },
    }),
    graph: graphOf({ packages }),
    contentHash: name,
    takenAt: new Date().toISOString(),
  });
}

describe.each(TEST_DIALECTS)(
  'listFindings and blastRadius on %s',
  (dialect) => {
    const store = useTestStore(dialect, { per: 'file' });

    test('match everything after the import', async () => {
      await importAdvisories(store.db, GHSA, { match: false });
      await service(store.db, 'checkout', [log4j('2.14.1')], true);
      await service(store.db, 'billing', [log4j('2.16.0')], false);
      await service(store.db, 'search', [log4j('2.17.1')], true);

      const summary = await matchAll(store.db);

      // 2.14.1: Log4Shell and CVE-2021-45105; 2.16.0: CVE-2021-45105 only
      // ([2.13.0, 2.17.0)); 2.17.1: none (read from the two advisories).
      expect(summary).toEqual({
        snapshots: 3,
        findings: 3,
        written: 3,
        removed: 0,
      });
    });

    test('a second match over unchanged data writes nothing', async () => {
      const before = await listFindings(store.db);

      const summary = await matchAll(store.db);

      expect(summary).toEqual({
        snapshots: 3,
        findings: 3,
        written: 0,
        removed: 0,
      });
      expect(await listFindings(store.db)).toEqual(before);
    });

    test('list the most urgent first, filtered by any alias', async () => {
      const all = await listFindings(store.db);
      const byCve = await listFindings(store.db, {
        vulnerability: 'CVE-2021-45105',
      });
      const billing = await listFindings(store.db, {
        service: 'default/billing',
      });

      expect(all.map((f) => [f.service.name, f.vulnerability.id])).toEqual([
        ['checkout', 'GHSA-jfh8-c2jp-5v3q'],
        ['checkout', 'GHSA-p6xc-xr62-6r2g'],
        ['billing', 'GHSA-p6xc-xr62-6r2g'],
      ]);
      expect(byCve.map((f) => f.service.name)).toEqual(['checkout', 'billing']);
      expect(billing.map((f) => f.fixedVersions)).toEqual([['2.17.0']]);
      expect(all[0]?.reasons[0]).toBe('critical severity (CVSS 10.0)');
    });

    test('give the blast radius of a vulnerability by its CVE', async () => {
      const radius = await blastRadius(store.db, 'CVE-2021-45105');

      expect(radius.vulnerability.id).toBe('GHSA-p6xc-xr62-6r2g');
      expect(radius.services.map((s) => [s.name, s.owner])).toEqual([
        ['checkout', 'group:default/team-checkout'],
        ['billing', 'group:default/team-billing'],
      ]);
      expect(radius.packageVersions).toBe(2);
    });

    test.each([
      'cve-2021-45105',
      'ghsa-P6XC-xr62-6r2g',
      ' GHSA-p6xc-xr62-6r2g ',
    ])('find the vulnerability typed as %j', async (typed) => {
      const radius = await blastRadius(store.db, typed);

      expect(radius.vulnerability.id).toBe('GHSA-p6xc-xr62-6r2g');
    });

    test('store KEV and EPSS, then rematch every finding from the stored data', async () => {
      const result = await importEnrichment(store.db, {
        kev: path.join(
          ENRICHMENT,
          'cisa-kev/known_exploited_vulnerabilities.json',
        ),
        epss: path.join(ENRICHMENT, 'epss'),
      });
      const [top] = await listFindings(store.db, {
        vulnerability: 'CVE-2021-44228',
      });

      expect(result.kevEntries).toBe(1404); // SOURCES.md: 1404 entries
      expect(top?.priority).toBe('P1');
      // SOURCES.md gives CVE-2021-44228 an EPSS of 0.99999 in the mirror.
      expect(top?.reasons).toEqual(
        expect.arrayContaining([
          'known to be exploited (CISA KEV)',
          'EPSS 1.00: exploitation likely within 30 days',
        ]),
      );
    });

    test('refuse an unknown id', async () => {
      await expect(
        blastRadius(store.db, 'CVE-1999-0001'),
      ).rejects.toMatchObject({
        code: 'ERR_ADVISORY_NOT_FOUND',
      });
    });
  },
);
