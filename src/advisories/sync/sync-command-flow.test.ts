import {
  cpSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseConfig } from '../../config/config.js';
import { TEST_DIALECTS, useTestStore } from '../../test-support/databases.js';
import { SHARED_DIR } from '../../test-support/shared.js';
import { importAdvisories } from '../import-advisories.js';
import { listVulns } from '../decisions/list-vulns.js';
import { writeTwoServices } from '../decisions/__fixtures__/two-services.js';
import { importWithEnrichment, runSync } from './sync-command-flow.js';

const NPM = path.join(SHARED_DIR, 'advisories/github-advisory-database/npm');
const KEV_REASON = 'known to be exploited (CISA KEV)';
const ENRICHMENT = path.join(SHARED_DIR, 'advisories/enrichment');
const KEV_NAME = 'known_exploited_vulnerabilities.json';

/**
 * A hand-written KEV catalogue naming only minimist's CVE, which two
 * findings (shop and tool) carry in writeTwoServices; returns its path.
 */
function writeMinimistKev(dir: string): string {
  const file = path.join(dir, 'kev.json');
  writeFileSync(
    file,
    JSON.stringify({
      catalogVersion: 'test',
      vulnerabilities: [{ cveID: 'CVE-2021-44906' }],
    }),
  );
  return file;
}

describe.each(TEST_DIALECTS)('runSync with KEV on %s', (dialect) => {
  const store = useTestStore(dialect);

  test('a synced KEV file raises exactly the findings it lists', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'qm-flow-'));
    const kev = writeMinimistKev(dir);
    const config = parseConfig(
      { advisories: { cacheDir: path.join(dir, 'cache') } },
      'test',
    );
    await writeTwoServices(store.db);
    await importAdvisories(store.db, NPM);

    const report = await runSync(store.db, config, {
      kev,
      offline: true,
      ecosystems: [],
    });
    const { findings } = await listVulns(store.db);

    expect(report.enrichment.kev?.entries).toBe(1);
    expect(report.rematched?.snapshots).toBe(2);
    expect(
      findings
        .filter((f) => f.reasons.includes(KEV_REASON))
        .map((f) => f.package.purl)
        .sort(),
    ).toEqual(['pkg:npm/minimist@0.0.8', 'pkg:npm/minimist@1.2.0']);
  });
});

describe.each(TEST_DIALECTS)('importWithEnrichment on %s', (dialect) => {
  const store = useTestStore(dialect);

  test('KEV and EPSS beside the advisories are found, stored and rank the findings', async () => {
    // A mirror laid out as shared/advisories is: OSV records, CISA's catalog
    // with its JSON schema, and EPSS CSVs, side by side.
    const mirror = mkdtempSync(path.join(tmpdir(), 'qm-mirror-'));
    cpSync(NPM, path.join(mirror, 'npm'), { recursive: true });
    cpSync(ENRICHMENT, path.join(mirror, 'enrichment'), { recursive: true });
    await writeTwoServices(store.db);

    const report = await importWithEnrichment(store.db, [mirror]);
    const { findings } = await listVulns(store.db);

    // Independent counts: the catalog's own list, and CVE lines of the CSVs.
    const catalog = JSON.parse(
      readFileSync(path.join(ENRICHMENT, 'cisa-kev', KEV_NAME), 'utf8'),
    ) as { vulnerabilities: unknown[] };
    const epssLines = readdirSync(path.join(ENRICHMENT, 'epss'))
      .map((f) => readFileSync(path.join(ENRICHMENT, 'epss', f), 'utf8'))
      .join('\n')
      .split('\n')
      .filter((line) => /^CVE-\d+-\d+[;,]/.test(line));
    expect(report.enrichment?.kev?.entries).toBe(
      catalog.vulnerabilities.length,
    );
    expect(report.enrichment?.epss?.scores).toBe(
      new Set(epssLines.map((l) => l.split(/[;,]/)[0])).size,
    );
    expect(report.warnings.map((w) => w.source)).not.toContainEqual(
      expect.stringContaining('known_exploited'),
    );
    // Each finding ranks with exactly what the files say of its CVEs: the
    // KEV reason when the catalog lists one, an EPSS reason from 0.1 up.
    const inKev = new Set(
      (catalog.vulnerabilities as { cveID: string }[]).map((v) => v.cveID),
    );
    const epss = new Map(
      epssLines.map((l) => [l.split(/[;,]/)[0], Number(l.split(/[;,]/)[1])]),
    );
    expect(findings.length).toBeGreaterThan(0);
    for (const finding of findings) {
      const cves = finding.vulnerability.ids.filter((id) =>
        id.startsWith('CVE-'),
      );
      expect(finding.reasons.includes(KEV_REASON)).toBe(
        cves.some((id) => inKev.has(id)),
      );
      expect(finding.reasons.some((r) => r.startsWith('EPSS '))).toBe(
        Math.max(0, ...cves.map((id) => epss.get(id) ?? 0)) >= 0.1,
      );
    }
  });

  test('a KEV file given by name is stored and ranks with', async () => {
    const kev = writeMinimistKev(mkdtempSync(path.join(tmpdir(), 'qm-kev-')));
    await writeTwoServices(store.db);

    const report = await importWithEnrichment(store.db, [NPM], { kev });
    const { findings } = await listVulns(store.db);

    expect(report.enrichment?.kev).toEqual({ file: kev, entries: 1 });
    expect(
      findings
        .filter((f) => f.reasons.includes(KEV_REASON))
        .map((f) => f.package.purl)
        .sort(),
    ).toEqual(['pkg:npm/minimist@0.0.8', 'pkg:npm/minimist@1.2.0']);
  });
});
