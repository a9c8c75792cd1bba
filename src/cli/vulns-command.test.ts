import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { importAdvisories } from '../advisories/import-advisories.js';
import { writeTwoServices } from '../advisories/decisions/__fixtures__/two-services.js';
import { migrateToLatest } from '../store/migrate.js';
import { openStore } from '../store/open-store.js';
import { SHARED_DIR } from '../test-support/shared.js';
import { main } from './main.js';

const NPM = path.join(SHARED_DIR, 'advisories/github-advisory-database/npm');
let db: string;

/** A fresh store with two services and the npm advisories. */
async function twoServicesStore(): Promise<string> {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'qm-cli-')), 'qm.db');
  const store = openStore(file);
  await migrateToLatest(store.db);
  await writeTwoServices(store.db);
  await importAdvisories(store.db, NPM);
  await store.close();
  return file;
}

beforeAll(async () => {
  db = await twoServicesStore();
});

afterEach(() => {
  vi.restoreAllMocks();
});

async function run(...args: string[]) {
  let out = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    out += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  const code = await main(['node', 'quartermaster', '--db', db, ...args]);
  vi.restoreAllMocks();
  return { code, out };
}

describe('vulns, advisory and decide on the command line', () => {
  // Four findings in all, by hand (writeTwoServices).
  test.each([
    [['vulns', '--json'], 1, 4],
    [['vulns', '--json', '--ecosystem', 'PyPI'], 0, 0],
    [['vulns', '--json', '--relation', 'transitive'], 1, 1],
    [['vulns', '--json', '--relation', 'any'], 1, 4],
  ])('%j exits %i with %i findings', async (args, code, total) => {
    const result = await run(...args);

    expect(result.code).toBe(code);
    expect(JSON.parse(result.out).total).toBe(total);
  });

  test.each([
    [['vulns', '--priority', 'P9'], 2],
    [['vulns', '--ecosystem', ''], 2],
    [['vulns', '--service', 'shopp'], 2],
    [['vulns', '--owner', 'squad-typo'], 2],
    [['advisory', 'GHSA-0000-0000-0000'], 2],
    [['advisory', 'CVE-2021-44906'], 1],
    [
      [
        'decide',
        'CVE-2021-44906',
        '--status',
        'maybe',
        '--reason',
        'r',
        '--author',
        'a',
      ],
      2,
    ],
  ])('%j exits %i', async (args, code) => {
    expect((await run(...args)).code).toBe(code);
  });

  test('advisory lists both services with their lowest fixes', async () => {
    const result = await run('advisory', 'CVE-2021-44906', '--json');

    const report = JSON.parse(result.out);
    expect(
      report.services.map(
        (s: { name: string; uses: Array<{ lowestFix: string }> }) => [
          s.name,
          s.uses.map((u) => u.lowestFix),
        ],
      ),
    ).toEqual(
      // From the advisory's ranges: 0.0.8 is fixed by 0.2.4, 1.2.0 by 1.2.6.
      expect.arrayContaining([
        ['shop', ['0.2.4']],
        ['tool', ['1.2.6']],
      ]),
    );
    expect(report.upgradeTo).toEqual({ minimist: '1.2.6' });
  });
});

describe('advisories import on the command line', () => {
  test.each([
    ['an empty list', '[]', 2],
    ['no JSON at all', 'nope', 2],
    [
      'one OSV record',
      JSON.stringify({
        schema_version: '1.6.0',
        id: 'QMTEST-0001',
        modified: '2026-01-01T00:00:00Z',
        affected: [
          {
            package: { ecosystem: 'npm', name: 'left-pad' },
            versions: ['1.0.0'],
          },
        ],
      }),
      0,
    ],
  ])('of a file holding %s exits %i', async (_, text, code) => {
    const file = path.join(
      mkdtempSync(path.join(tmpdir(), 'qm-cli-osv-')),
      'a.json',
    );
    writeFileSync(file, text);

    expect((await run('advisories', 'import', file)).code).toBe(code);
  });
});

describe('advisory with decisions on the command line', () => {
  beforeAll(async () => {
    db = await twoServicesStore();
  });

  const decide = (...scope: string[]) =>
    run(
      'decide',
      'CVE-2021-44906',
      ...scope,
      '--status',
      'accepted_risk',
      '--reason',
      'r',
      '--author',
      'a',
    );

  test('marks decided uses and exits 0 once every service is covered', async () => {
    await decide('--service', 'shop');
    const partly = await run('advisory', 'CVE-2021-44906', '--json');
    await decide();
    const covered = await run('advisory', 'CVE-2021-44906', '--json');

    const report = JSON.parse(partly.out);
    const decided = Object.fromEntries(
      report.services.map((s: { name: string; decided: boolean }) => [
        s.name,
        s.decided,
      ]),
    );
    expect(decided).toEqual({ shop: true, tool: false });
    expect(report.openServices).toBe(1);
    expect(partly.code).toBe(1);
    expect(JSON.parse(covered.out).openServices).toBe(0);
    expect(covered.code).toBe(0);
  });
});
