import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  createTestStore,
  TEST_DIALECTS,
  useTestStore,
} from '../../test-support/databases.js';
import { SHARED_DIR } from '../../test-support/shared.js';
import { importAdvisories } from '../import-advisories.js';
import { listDecisions, recordDecision } from '../decisions/record-decision.js';
import { writeTwoServices } from '../decisions/__fixtures__/two-services.js';
import type { QmDatabase } from '../../store/database.js';
import { cycloneDx16Validator } from '../../sbom/export/__fixtures__/validators.js';
import { exportVex, importVex, readVexFile, type VexFormat } from './vex-io.js';

const NPM = path.join(SHARED_DIR, 'advisories/github-advisory-database/npm');

async function decide(db: QmDatabase) {
  await recordDecision(db, {
    advisoryId: 'CVE-2021-44906',
    status: 'not_affected',
    // CycloneDX folds this and vulnerable_code_not_present together.
    justification: 'component_not_present',
    reason: 'minimist is only used by the build',
    author: 'ana',
  });
  await recordDecision(db, {
    advisoryId: 'GHSA-p6mc-m468-83gw',
    service: 'shop',
    status: 'accepted_risk',
    reason: 'zipObjectDeep is never called',
    author: 'ben',
    expires: '2099-01-31',
  });
  await recordDecision(db, {
    advisoryId: 'GHSA-35jh-r3h4-6jhm',
    purl: 'pkg:npm/lodash@4.17.19',
    status: 'false_positive',
    reason: 'template is never given user input',
    author: 'cy',
  });
}

function tempFile(name: string, text: string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'qm-vex-')), name);
  writeFileSync(file, text);
  return file;
}

describe.each(TEST_DIALECTS)('VEX on %s', (dialect) => {
  const store = useTestStore(dialect);

  test.each<VexFormat>(['cyclonedx', 'openvex'])(
    '%s export read into a fresh database gives the same decisions',
    async (format) => {
      await writeTwoServices(store.db);
      await importAdvisories(store.db, NPM);
      await decide(store.db);
      const before = await listDecisions(store.db);

      const document = await exportVex(store.db, { format });
      const file = tempFile('vex.json', JSON.stringify(document));
      const fresh = await createTestStore(dialect);
      try {
        const result = await importVex(fresh.db, file);
        const after = await listDecisions(fresh.db);

        expect(result.warnings).toEqual([]);
        const order = (d: { advisoryId: string }) => d.advisoryId;
        expect(after.sort((a, b) => order(a).localeCompare(order(b)))).toEqual(
          before.sort((a, b) => order(a).localeCompare(order(b))),
        );
      } finally {
        await fresh.destroy();
      }
    },
  );

  test('expired decisions are left out unless asked for', async () => {
    await writeTwoServices(store.db);
    await importAdvisories(store.db, NPM);
    await decide(store.db); // one of three expires at the end of 2099-01-31
    const later = '2099-02-01T00:00:00.000Z';

    const live = await exportVex(store.db, { format: 'openvex', now: later });
    const all = await exportVex(store.db, {
      format: 'openvex',
      now: later,
      includeExpired: true,
    });

    expect((live as { statements: unknown[] }).statements).toHaveLength(2);
    expect((all as { statements: unknown[] }).statements).toHaveLength(3);
  });

  test('CycloneDX export passes the CycloneDX 1.6 JSON schema', async () => {
    await writeTwoServices(store.db);
    await importAdvisories(store.db, NPM);
    await decide(store.db);

    const document = await exportVex(store.db, { format: 'cyclonedx' });
    const validate = cycloneDx16Validator();

    expect(validate(document), JSON.stringify(validate.errors)).toBe(true);
  });

  test('products are the purls each decision covers', async () => {
    // Hand count (writeTwoServices): minimist 0.0.8 in shop and 1.2.0 in
    // tool; shop's lodash 4.17.19 for its service-scoped decision.
    await writeTwoServices(store.db);
    await importAdvisories(store.db, NPM);
    await decide(store.db);

    const document = (await exportVex(store.db, { format: 'openvex' })) as {
      statements: Array<{
        vulnerability: { name: string };
        products: Array<{ '@id': string }>;
      }>;
    };

    expect(
      Object.fromEntries(
        document.statements.map((s) => [
          s.vulnerability.name,
          s.products.map((p) => p['@id']),
        ]),
      ),
    ).toEqual({
      'CVE-2021-44906': ['pkg:npm/minimist@0.0.8', 'pkg:npm/minimist@1.2.0'],
      'GHSA-p6mc-m468-83gw': ['pkg:npm/lodash@4.17.19'],
      'GHSA-35jh-r3h4-6jhm': ['pkg:npm/lodash@4.17.19'],
    });
  });
});

describe('reading VEX from other tools', () => {
  test.each([
    [
      'OpenVEX with subcomponents and a fixed statement',
      {
        '@context': 'https://openvex.dev/ns/v0.2.0',
        author: 'Acme PSIRT',
        statements: [
          {
            vulnerability: { name: 'CVE-2021-44906' },
            products: [
              {
                '@id': 'pkg:oci/app@sha256:abc',
                subcomponents: [{ '@id': 'pkg:npm/minimist@1.2.0' }],
              },
            ],
            status: 'not_affected',
            justification: 'vulnerable_code_not_in_execute_path',
          },
          { vulnerability: { name: 'CVE-2020-8203' }, status: 'fixed' },
        ],
      },
      [{ purl: 'pkg:npm/minimist@1.2.0', author: 'Acme PSIRT' }],
      1,
    ],
    [
      'CycloneDX with an in_triage entry',
      {
        bomFormat: 'CycloneDX',
        specVersion: '1.5',
        vulnerabilities: [
          {
            id: 'CVE-2021-44906',
            analysis: {
              state: 'not_affected',
              justification: 'code_not_reachable',
              detail: 'dead code',
            },
            affects: [{ ref: 'pkg:npm/minimist@1.2.0' }],
          },
          { id: 'CVE-2020-8203', analysis: { state: 'in_triage' } },
        ],
      },
      [
        {
          purl: 'pkg:npm/minimist@1.2.0',
          justification: 'vulnerable_code_not_in_execute_path',
          reason: 'dead code',
        },
      ],
      1,
    ],
  ])('%s', async (_, document, decisions, warnings) => {
    const file = tempFile('foreign.json', JSON.stringify(document));

    const result = await readVexFile(file);

    expect(result.decisions).toMatchObject(decisions);
    expect(result.warnings).toHaveLength(warnings);
  });

  test('refuses JSON that is neither format', async () => {
    const file = tempFile('other.json', '{"hello": 1}');

    await expect(readVexFile(file)).rejects.toMatchObject({
      code: 'ERR_VEX_FORMAT',
    });
  });
});
