import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { TEST_DIALECTS, useTestStore } from '../../test-support/databases.js';
import { SHARED_DIR } from '../../test-support/shared.js';
import { importAdvisories } from '../import-advisories.js';
import { decisionLookup } from './apply-decisions.js';
import { listVulns } from './list-vulns.js';
import {
  listDecisions,
  recordDecision,
  toDecision,
  type DecisionRequest,
} from './record-decision.js';
import { writeTwoServices } from './__fixtures__/two-services.js';

const NPM = path.join(SHARED_DIR, 'advisories/github-advisory-database/npm');
const BASE = { reason: 'checked', author: 'ana' };

describe('toDecision', () => {
  test.each<[string, Partial<DecisionRequest>]>([
    ['unknown status', { status: 'wontfix' }],
    ['not_affected without justification', { status: 'not_affected' }],
    [
      'unknown justification',
      { status: 'not_affected', justification: 'because' },
    ],
    ['expiry in the past', { status: 'accepted_risk', expires: '2001-01-01' }],
    ['expiry not a date', { status: 'accepted_risk', expires: 'soon' }],
    ['empty reason', { status: 'accepted_risk', reason: ' ' }],
    ['an impossible date', { status: 'accepted_risk', expires: '2099-02-30' }],
    [
      'an impossible day in an ISO time',
      { status: 'accepted_risk', expires: '2099-04-31T12:00:00Z' },
    ],
    [
      'a package that is no purl',
      { status: 'accepted_risk', purl: 'requests' },
    ],
    [
      'a package purl without version',
      { status: 'accepted_risk', purl: 'pkg:pypi/requests' },
    ],
    [
      'a purl type of no ecosystem',
      { status: 'accepted_risk', purl: 'pkg:github/insomnia/insomnia@1.0.0' },
    ],
  ])('refuses %s', (_, request) => {
    const attempt = () =>
      toDecision({ advisoryId: 'CVE-1', ...BASE, status: '', ...request });

    expect(attempt).toThrow(
      expect.objectContaining({ code: 'ERR_DECISION_INVALID' }),
    );
  });
});

describe('toDecision normalises', () => {
  test.each([
    ['pkg:pypi/Requests@2.25.0', 'pkg:pypi/requests@2.25.0'],
    ['pkg:pypi/zope.interface@5.0', 'pkg:pypi/zope-interface@5.0'],
    ['pkg:npm/%40babel/core@7.0.0', 'pkg:npm/%40babel/core@7.0.0'],
    [
      'pkg:maven/org.yaml/snakeyaml@1.33?type=jar',
      'pkg:maven/org.yaml/snakeyaml@1.33',
    ],
  ])('%s to %s', (purl, expected) => {
    const decision = toDecision({
      advisoryId: 'CVE-1',
      ...BASE,
      status: 'accepted_risk',
      purl,
    });

    expect(decision.purl).toBe(expected);
  });

  test('a real date to the end of that day', () => {
    const decision = toDecision({
      advisoryId: 'CVE-1',
      ...BASE,
      status: 'accepted_risk',
      expires: '2096-02-29',
    });

    expect(decision.expiresAt).toBe('2096-02-29T23:59:59.999Z');
  });
});

describe.each(TEST_DIALECTS)('decisions on %s', (dialect) => {
  const store = useTestStore(dialect);

  async function vulns(all = false, now?: string) {
    const decisions = await listDecisions(store.db);
    return listVulns(
      store.db,
      {},
      { all, decisionFor: decisionLookup(decisions, now) },
    );
  }

  // Four findings in all (writeTwoServices): minimist hits shop and tool,
  // lodash hits shop twice.
  test.each<[string, Partial<DecisionRequest>, number]>([
    ['organisation-wide by CVE alias', { advisoryId: 'CVE-2021-44906' }, 2],
    [
      'one service by GHSA id',
      { advisoryId: 'GHSA-xvch-5gv4-984h', service: 'tool' },
      1,
    ],
    [
      'one package version',
      { advisoryId: 'GHSA-xvch-5gv4-984h', purl: 'pkg:npm/minimist@0.0.8' },
      1,
    ],
  ])('%s hides what it covers', async (_, request, hidden) => {
    await writeTwoServices(store.db);
    await importAdvisories(store.db, NPM);

    await recordDecision(store.db, {
      advisoryId: '',
      status: 'accepted_risk',
      ...BASE,
      ...request,
    });
    const open = await vulns();
    const all = await vulns(true);

    expect(open).toMatchObject({ total: 4 - hidden, hidden });
    expect(all.total).toBe(4);
    expect(all.findings.filter((f) => f.decision)).toHaveLength(hidden);
  });

  test('an expired decision stops applying', async () => {
    await writeTwoServices(store.db);
    await importAdvisories(store.db, NPM);
    await recordDecision(store.db, {
      advisoryId: 'CVE-2021-44906',
      status: 'false_positive',
      ...BASE,
      expires: '2099-06-30',
    });

    const before = await vulns(false, '2099-06-30T12:00:00.000Z');
    const after = await vulns(false, '2099-07-01T00:00:00.000Z');

    expect(before.hidden).toBe(2);
    expect(after).toMatchObject({ total: 4, hidden: 0 });
  });

  test('a later decision on the same target replaces the earlier', async () => {
    await writeTwoServices(store.db);
    await importAdvisories(store.db, NPM);
    const request = { advisoryId: 'CVE-2021-44906', ...BASE };

    await recordDecision(store.db, { ...request, status: 'accepted_risk' });
    await recordDecision(store.db, {
      ...request,
      status: 'not_affected',
      justification: 'vulnerable_code_not_in_execute_path',
    });

    expect(await listDecisions(store.db)).toMatchObject([
      { status: 'not_affected', advisoryId: 'CVE-2021-44906' },
    ]);
  });

  test.each([
    [
      'an unknown advisory',
      { advisoryId: 'GHSA-0000-0000-0000' },
      'ERR_ADVISORY_NOT_FOUND',
    ],
    [
      'an unknown service',
      { advisoryId: 'CVE-2021-44906', service: 'nope' },
      'ERR_SERVICE_NOT_FOUND',
    ],
    [
      'a package the advisory does not name',
      { advisoryId: 'GHSA-xvch-5gv4-984h', purl: 'pkg:npm/lodash@4.17.19' },
      'ERR_DECISION_PACKAGE_NOT_NAMED',
    ],
  ])('refuses %s', async (_, request, code) => {
    await writeTwoServices(store.db);
    await importAdvisories(store.db, NPM);

    const attempt = recordDecision(store.db, {
      status: 'accepted_risk',
      ...BASE,
      ...request,
    });

    await expect(attempt).rejects.toMatchObject({ code });
  });

  test('names the packages an advisory does name when refusing another', async () => {
    await importAdvisories(store.db, NPM);

    const attempt = recordDecision(store.db, {
      advisoryId: 'CVE-2021-44906',
      purl: 'pkg:npm/lodash@4.17.19',
      status: 'accepted_risk',
      ...BASE,
    });

    await expect(attempt).rejects.toThrow(
      'CVE-2021-44906 does not name pkg:npm/lodash; it names pkg:npm/minimist;',
    );
  });
});
