import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseConfig } from '../../config/config.js';
import { TEST_DIALECTS, useTestStore } from '../../test-support/databases.js';
import { SHARED_DIR } from '../../test-support/shared.js';
import { importAdvisories } from '../import-advisories.js';
import { listVulns } from '../decisions/list-vulns.js';
import { writeTwoServices } from '../decisions/__fixtures__/two-services.js';
import { runSync } from './sync-command-flow.js';

const NPM = path.join(SHARED_DIR, 'advisories/github-advisory-database/npm');
const KEV_REASON = 'known to be exploited (CISA KEV)';

describe.each(TEST_DIALECTS)('runSync with KEV on %s', (dialect) => {
  const store = useTestStore(dialect);

  test('a synced KEV file raises exactly the findings it lists', async () => {
    // A hand-written catalogue naming only minimist's CVE: two findings
    // (shop and tool) carry it in writeTwoServices.
    const dir = mkdtempSync(path.join(tmpdir(), 'qm-flow-'));
    const kev = path.join(dir, 'kev.json');
    writeFileSync(
      kev,
      JSON.stringify({
        catalogVersion: 'test',
        vulnerabilities: [{ cveID: 'CVE-2021-44906' }],
      }),
    );
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
