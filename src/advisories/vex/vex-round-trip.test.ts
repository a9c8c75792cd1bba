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
import type { Decision } from '../decisions/model.js';
import { cycloneDx16Validator } from '../../sbom/export/__fixtures__/validators.js';
import { exportVex, importVex, readVexFile, type VexFormat } from './vex-io.js';

const NPM = path.join(SHARED_DIR, 'advisories/github-advisory-database/npm');

/** A store with writeTwoServices and the npm advisories. */
async function seed(db: QmDatabase) {
  await writeTwoServices(db);
  await importAdvisories(db, NPM);
}

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
  await recordDecision(db, {
    advisoryId: 'GHSA-xvch-5gv4-984h',
    service: 'tool',
    purl: 'pkg:npm/minimist@1.2.0',
    status: 'not_affected',
    justification: 'vulnerable_code_not_in_execute_path',
    reason: 'tool never parses untrusted arguments',
    author: 'di',
  });
}

const byTarget = (d: Decision) =>
  `${d.advisoryId} ${d.service ?? ''} ${d.purl ?? ''}`;

function sorted(decisions: Decision[]): Decision[] {
  return [...decisions].sort((a, b) => byTarget(a).localeCompare(byTarget(b)));
}

/** The document as a tool that ignores our fields would leave it. */
function withoutOwnFields(document: object): object {
  return JSON.parse(JSON.stringify(document), (key, value) => {
    if (key === 'quartermaster') return undefined;
    if (key === 'properties' && Array.isArray(value)) return undefined;
    return value;
  });
}

interface OpenVexDocument {
  statements: Array<{
    vulnerability: { name: string };
    products: Array<{
      '@id': string;
      subcomponents?: Array<{ '@id': string }>;
    }>;
  }>;
}

function tempFile(name: string, text: string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'qm-vex-')), name);
  writeFileSync(file, text);
  return file;
}

describe.each(TEST_DIALECTS)('VEX on %s', (dialect) => {
  const store = useTestStore(dialect);

  async function importIntoFresh(document: object) {
    const file = tempFile('vex.json', JSON.stringify(document));
    const fresh = await createTestStore(dialect);
    try {
      await seed(fresh.db);
      const result = await importVex(fresh.db, file);
      return { result, decisions: await listDecisions(fresh.db) };
    } finally {
      await fresh.destroy();
    }
  }

  test.each<VexFormat>(['cyclonedx', 'openvex'])(
    '%s export read into a fresh store with the same services gives the same decisions',
    async (format) => {
      await seed(store.db);
      await decide(store.db);
      const before = await listDecisions(store.db);

      const document = await exportVex(store.db, { format });
      const { result, decisions } = await importIntoFresh(document);

      expect(result.warnings).toEqual([]);
      expect(sorted(decisions)).toEqual(sorted(before));
      expect(
        decisions
          .filter((d) => d.service)
          .map(byTarget)
          .sort(),
      ).toEqual([
        'GHSA-p6mc-m468-83gw default/shop ',
        'GHSA-xvch-5gv4-984h default/tool pkg:npm/minimist@1.2.0',
      ]);
    },
  );

  // Hand count (writeTwoServices): shop's lodash 4.17.19 is the only
  // package GHSA-p6mc covers in shop; tool's minimist 1.2.0 is named.
  test.each<[VexFormat, string[]]>([
    [
      'cyclonedx',
      [
        'GHSA-p6mc-m468-83gw default/shop ',
        'GHSA-xvch-5gv4-984h default/tool pkg:npm/minimist@1.2.0',
      ],
    ],
    // OpenVEX says `affected` for an accepted risk: no decision without
    // our fields, and so nothing widened either.
    ['openvex', ['GHSA-xvch-5gv4-984h default/tool pkg:npm/minimist@1.2.0']],
  ])(
    '%s export read by a tool ignoring our fields keeps the service scope',
    async (format, serviceScoped) => {
      await seed(store.db);
      await decide(store.db);

      const document = await exportVex(store.db, { format });
      const { decisions } = await importIntoFresh(withoutOwnFields(document));

      const scoped = decisions.filter((d) =>
        ['GHSA-p6mc-m468-83gw', 'GHSA-xvch-5gv4-984h'].includes(d.advisoryId),
      );
      expect(scoped.map(byTarget).sort()).toEqual(serviceScoped);
    },
  );

  test('expired decisions are left out unless asked for', async () => {
    await seed(store.db);
    await decide(store.db); // one of four expires at the end of 2099-01-31
    const later = '2099-02-01T00:00:00.000Z';

    const live = await exportVex(store.db, { format: 'openvex', now: later });
    const all = await exportVex(store.db, {
      format: 'openvex',
      now: later,
      includeExpired: true,
    });

    expect((live as { statements: unknown[] }).statements).toHaveLength(3);
    expect((all as { statements: unknown[] }).statements).toHaveLength(4);
  });

  test('CycloneDX export passes the CycloneDX 1.6 JSON schema', async () => {
    await seed(store.db);
    await decide(store.db);

    const document = await exportVex(store.db, { format: 'cyclonedx' });
    const validate = cycloneDx16Validator();

    expect(validate(document), JSON.stringify(validate.errors)).toBe(true);
  });

  test('CycloneDX affects name the service, with its packages nested in it', async () => {
    await seed(store.db);
    await decide(store.db);

    const document = (await exportVex(store.db, {
      format: 'cyclonedx',
    })) as {
      components: Array<{
        'bom-ref': string;
        type: string;
        components?: Array<{ 'bom-ref': string; purl: string }>;
      }>;
      vulnerabilities: Array<{ id: string; affects: Array<{ ref: string }> }>;
    };

    const shop = 'urn:quartermaster:component:default/shop';
    const tool = 'urn:quartermaster:component:default/tool';
    expect(
      Object.fromEntries(
        document.vulnerabilities.map((v) => [
          v.id,
          v.affects.map((a) => a.ref),
        ]),
      ),
    ).toEqual({
      'CVE-2021-44906': ['pkg:npm/minimist@0.0.8', 'pkg:npm/minimist@1.2.0'],
      'GHSA-p6mc-m468-83gw': [shop],
      'GHSA-35jh-r3h4-6jhm': ['pkg:npm/lodash@4.17.19'],
      'GHSA-xvch-5gv4-984h': [`${tool}#pkg:npm/minimist@1.2.0`],
    });
    expect(
      document.components
        .filter((c) => c.type === 'application')
        .map((c) => [c['bom-ref'], c.components?.map((p) => p.purl)]),
    ).toEqual([
      [shop, ['pkg:npm/lodash@4.17.19']],
      [tool, ['pkg:npm/minimist@1.2.0']],
    ]);
  });

  test('OpenVEX products are the packages, or the service with its packages', async () => {
    // Hand count (writeTwoServices): minimist 0.0.8 in shop and 1.2.0 in
    // tool; shop's lodash 4.17.19 for its service-scoped decision.
    await seed(store.db);
    await decide(store.db);

    const document = (await exportVex(store.db, {
      format: 'openvex',
    })) as OpenVexDocument;

    expect(
      Object.fromEntries(
        document.statements.map((s) => [s.vulnerability.name, s.products]),
      ),
    ).toEqual({
      'CVE-2021-44906': [
        { '@id': 'pkg:npm/minimist@0.0.8' },
        { '@id': 'pkg:npm/minimist@1.2.0' },
      ],
      'GHSA-p6mc-m468-83gw': [
        {
          '@id': 'urn:quartermaster:component:default/shop',
          subcomponents: [{ '@id': 'pkg:npm/lodash@4.17.19' }],
        },
      ],
      'GHSA-35jh-r3h4-6jhm': [{ '@id': 'pkg:npm/lodash@4.17.19' }],
      'GHSA-xvch-5gv4-984h': [
        {
          '@id': 'urn:quartermaster:component:default/tool',
          subcomponents: [{ '@id': 'pkg:npm/minimist@1.2.0' }],
        },
      ],
    });
  });

  const openVex = (...statements: object[]) => ({
    '@context': 'https://openvex.dev/ns/v0.2.0',
    author: 'Acme PSIRT',
    statements,
  });
  const notAffected = {
    vulnerability: { name: 'CVE-2021-44906' },
    status: 'not_affected',
    justification: 'vulnerable_code_not_in_execute_path',
  };
  const minimist = { '@id': 'pkg:npm/minimist@1.2.0' };

  test.each<[string, object, Array<Partial<Decision>>, RegExp[]]>([
    [
      'a bare package purl stays organisation-wide',
      openVex({ ...notAffected, products: [minimist] }),
      [{ service: undefined, purl: 'pkg:npm/minimist@1.2.0' }],
      [],
    ],
    [
      'our service URN scopes to the service and its subcomponents',
      openVex({
        ...notAffected,
        products: [
          {
            '@id': 'urn:quartermaster:component:default/tool',
            subcomponents: [minimist],
          },
        ],
      }),
      [{ service: 'default/tool', purl: 'pkg:npm/minimist@1.2.0' }],
      [],
    ],
    [
      'a product with subcomponents naming no known service is skipped',
      openVex(
        {
          ...notAffected,
          products: [
            {
              '@id': 'pkg:github/insomnia/insomnia',
              subcomponents: [minimist],
            },
          ],
        },
        {
          ...notAffected,
          products: [
            {
              '@id': 'urn:quartermaster:component:default/nosuch',
              subcomponents: [minimist],
            },
          ],
        },
      ),
      [],
      [
        /statements\[0\].*pkg:github\/insomnia\/insomnia.*names no service/,
        /statements\[1\].*default\/nosuch.*not in the store/,
      ],
    ],
    [
      'our service field scopes a bare package to the service',
      openVex({
        ...notAffected,
        products: [minimist],
        quartermaster: { service: 'tool' },
      }),
      [{ service: 'default/tool', purl: 'pkg:npm/minimist@1.2.0' }],
      [],
    ],
    [
      'our service field naming no service is skipped',
      openVex({
        ...notAffected,
        products: [minimist],
        quartermaster: {
          status: 'not_affected',
          author: 'ana',
          service: 'default/nosuch',
        },
      }),
      [],
      [/statements\[0\].*quartermaster.service "default\/nosuch"/],
    ],
    [
      'not_affected without justification keeps its impact statement',
      openVex({
        vulnerability: { name: 'CVE-2021-44906' },
        status: 'not_affected',
        impact_statement: 'only the build runs it',
        products: [minimist],
      }),
      [{ justification: undefined, reason: 'only the build runs it' }],
      [],
    ],
    [
      'not_affected with neither justification nor impact statement',
      openVex({
        vulnerability: { name: 'CVE-2021-44906' },
        status: 'not_affected',
        products: [minimist],
      }),
      [],
      [/statements\[0\]: not_affected with neither justification/],
    ],
    [
      'a justification OpenVEX lacks',
      openVex({
        ...notAffected,
        justification: 'because',
        products: [minimist],
      }),
      [],
      [/justification "because"/],
    ],
    [
      'an advisory not imported',
      openVex({
        ...notAffected,
        vulnerability: { name: 'CVE-9999-0001' },
        products: [minimist],
      }),
      [],
      [/statements\[0\]: advisory CVE-9999-0001 is not imported/],
    ],
    [
      'a vulnerability given only as @id',
      openVex({
        ...notAffected,
        vulnerability: {
          '@id': 'https://nvd.nist.gov/vuln/detail/CVE-2021-44906',
        },
        products: [minimist],
      }),
      [{ advisoryId: 'CVE-2021-44906', purl: 'pkg:npm/minimist@1.2.0' }],
      [],
    ],
    [
      'a package the advisory does not name',
      openVex({
        ...notAffected,
        products: [{ '@id': 'pkg:npm/lodash@4.17.19' }],
      }),
      [],
      [/does not name pkg:npm\/lodash \(it names pkg:npm\/minimist\)/],
    ],
    [
      'a fixed statement',
      openVex({ ...notAffected, status: 'fixed', products: [minimist] }),
      [],
      [/status "fixed" is not a decision/],
    ],
    [
      'CycloneDX: an application holding packages, not one of our services',
      {
        bomFormat: 'CycloneDX',
        specVersion: '1.5',
        components: [
          {
            type: 'application',
            'bom-ref': 'app',
            name: 'app',
            components: [
              { type: 'library', name: 'minimist', purl: minimist['@id'] },
            ],
          },
        ],
        vulnerabilities: [
          {
            id: 'CVE-2021-44906',
            analysis: {
              state: 'not_affected',
              justification: 'code_not_reachable',
            },
            affects: [{ ref: 'app' }],
          },
          {
            id: 'CVE-2020-8203',
            analysis: { state: 'in_triage' },
            affects: [],
          },
        ],
      },
      [],
      [
        /vulnerabilities\[0\].*names no service/,
        /vulnerabilities\[1\]: state "in_triage"/,
      ],
    ],
    [
      'CycloneDX: a package by purl ref, foreign justification mapped',
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
        ],
      },
      [
        {
          purl: 'pkg:npm/minimist@1.2.0',
          justification: 'vulnerable_code_not_in_execute_path',
          reason: 'dead code',
        },
      ],
      [],
    ],
  ])('import: %s', async (_, document, decisions, warnings) => {
    await seed(store.db);
    const file = tempFile('foreign.json', JSON.stringify(document));

    const result = await importVex(store.db, file);

    expect(result.decisions).toHaveLength(decisions.length);
    expect(result.decisions).toMatchObject(decisions);
    expect(await listDecisions(store.db)).toHaveLength(decisions.length);
    expect(result.warnings).toHaveLength(warnings.length);
    warnings.forEach((w, i) => expect(result.warnings[i]).toMatch(w));
  });
});

describe('reading VEX files', () => {
  test.each([
    ['neither format', '{"hello": 1}', 'ERR_VEX_FORMAT'],
    [
      'a CycloneDX SBOM without vulnerabilities',
      JSON.stringify({
        bomFormat: 'CycloneDX',
        specVersion: '1.6',
        components: [{ type: 'library', name: 'minimist' }],
      }),
      'ERR_VEX_EMPTY',
    ],
    [
      'OpenVEX without statements',
      JSON.stringify({ '@context': 'https://openvex.dev/ns/v0.2.0' }),
      'ERR_VEX_EMPTY',
    ],
  ])('refuses %s', async (_, text, code) => {
    const file = tempFile('other.json', text);

    await expect(readVexFile(file)).rejects.toMatchObject({ code });
  });
});
