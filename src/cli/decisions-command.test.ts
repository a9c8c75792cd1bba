import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, test, vi } from 'vitest';
import { importAdvisories } from '../advisories/import-advisories.js';
import { writeTwoServices } from '../advisories/decisions/__fixtures__/two-services.js';
import { migrateToLatest } from '../store/migrate.js';
import { openStore } from '../store/open-store.js';
import { SHARED_DIR } from '../test-support/shared.js';
import { main } from './main.js';

const NPM = path.join(SHARED_DIR, 'advisories/github-advisory-database/npm');
const DECISION = ['--reason', 'checked', '--author', 'ana'];
let dir: string;
let db: string;

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'qm-cli-'));
  db = path.join(dir, 'qm.db');
  const store = openStore(db);
  await migrateToLatest(store.db);
  await writeTwoServices(store.db);
  await importAdvisories(store.db, NPM);
  await store.close();
});

async function run(...args: string[]) {
  let out = '';
  let err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    out += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    err += String(chunk);
    return true;
  });
  try {
    const code = await main(['node', 'quartermaster', '--db', db, ...args]);
    return { code, out, err };
  } finally {
    vi.restoreAllMocks();
  }
}

const decide = (...args: string[]) =>
  run(
    'decide',
    'GHSA-xvch-5gv4-984h',
    '--status',
    'accepted_risk',
    ...DECISION,
    ...args,
  );

describe('decide on the command line', () => {
  test.each([
    [[], 'for the whole organisation'],
    [['--service', 'tool'], 'for default/tool'],
    [
      ['--package', 'pkg:npm/minimist@1.2.0'],
      'for pkg:npm/minimist@1.2.0 in the whole organisation',
    ],
    [
      ['--service', 'tool', '--package', 'pkg:npm/minimist@1.2.0'],
      'for pkg:npm/minimist@1.2.0 in default/tool',
    ],
  ])('%j confirms the scope', async (args, scope) => {
    const result = await decide(...args);

    expect(result.code).toBe(0);
    expect(result.out).toContain(`GHSA-xvch-5gv4-984h: accepted_risk ${scope}`);
  });

  test('says when a decision replaces the earlier one on the same scope', async () => {
    await decide('--service', 'tool');
    const again = await decide('--service', 'tool', '--expires', '2099-01-31');

    expect(again.code).toBe(0);
    expect(again.out).toContain(
      'it replaces the earlier decision: accepted_risk by',
    );
  });

  test.each([
    [['--package', 'requests'], 'ERR_DECISION_INVALID'],
    [['--package', 'pkg:npm/minimist'], 'ERR_DECISION_INVALID'],
    [['--package', 'pkg:npm/lodash@4.17.19'], 'ERR_DECISION_PACKAGE_NOT_NAMED'],
    [['--expires', '2099-02-30'], 'ERR_DECISION_INVALID'],
  ])('%j exits 2 with %s', async (args, code) => {
    const result = await decide(...args);

    expect(result.code).toBe(2);
    expect(result.err).toContain(code);
    expect(result.out).toBe('');
  });
});

describe('vex on the command line', () => {
  test('a service-scoped decision leaves the service in the OpenVEX product', async () => {
    await run(
      'decide',
      'GHSA-xvch-5gv4-984h',
      '--service',
      'tool',
      '--status',
      'not_affected',
      '--justification',
      'vulnerable_code_not_in_execute_path',
      ...DECISION,
    );

    const result = await run('vex', 'export', '--format', 'openvex');

    expect(result.code).toBe(0);
    expect(JSON.parse(result.out).statements[0].products).toEqual([
      {
        '@id': 'urn:quartermaster:component:default/tool',
        subcomponents: [{ '@id': 'pkg:npm/minimist@1.2.0' }],
      },
    ]);
  });

  test('importing an SBOM without vulnerabilities exits 2', async () => {
    const file = path.join(dir, 'sbom.json');
    writeFileSync(
      file,
      JSON.stringify({
        bomFormat: 'CycloneDX',
        specVersion: '1.6',
        components: [],
      }),
    );

    const result = await run('vex', 'import', file);

    expect(result.code).toBe(2);
    expect(result.err).toContain('holds no VEX statements');
    expect(result.err).toContain('ERR_VEX_EMPTY');
  });
});
