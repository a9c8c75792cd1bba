import { describe, expect, it } from 'vitest';
import { prioritize, type PriorityInput } from './priority.js';

const INTERNAL = { internetFacing: false, userData: false, paymentPath: false };
const EDGE = { internetFacing: true, userData: true, paymentPath: false };

function input(overrides: Partial<PriorityInput>): PriorityInput {
  return {
    severity: 'medium',
    scope: 'prod',
    direct: false,
    depth: 2,
    fixedVersions: ['1.0.1'],
    exposure: INTERNAL,
    ...overrides,
  };
}

describe('prioritize', () => {
  // Points are summed by hand from the table in priority.ts.
  it.each([
    [
      'Log4Shell on an internet-facing service',
      {
        severity: 'critical',
        score: 10,
        knownExploited: true,
        epss: 0.99,
        exposure: EDGE,
      },
      'P1',
      120,
    ],
    ['critical, internal, fixed', { severity: 'critical' }, 'P2', 55],
    ['critical, no fix', { severity: 'critical', fixedVersions: [] }, 'P2', 50],
    ['high, internet-facing', { severity: 'high', exposure: EDGE }, 'P2', 55],
    ['high, internal', { severity: 'high' }, 'P3', 40],
    ['medium, KEV', { severity: 'medium', knownExploited: true }, 'P2', 55],
    ['medium, internal', { severity: 'medium' }, 'P4', 25],
    [
      'medium, EPSS 0.2, payment path',
      { epss: 0.2, exposure: { ...INTERNAL, paymentPath: true } },
      'P3',
      45,
    ],
    ['low, deep', { severity: 'low', depth: 6 }, 'P4', 5],
    [
      'unknown read as medium',
      { severity: 'unknown', exposure: EDGE },
      'P3',
      40,
    ],
    [
      'critical KEV in a dev dependency',
      { severity: 'critical', knownExploited: true, scope: 'dev' },
      'P3',
      85,
    ],
    [
      'critical in a test dependency',
      { severity: 'critical', scope: 'test' },
      'P3',
      55,
    ],
  ] as const)('%s', (_name, overrides, priority, points) => {
    const result = prioritize(input(overrides));

    expect(result.priority).toBe(priority);
    expect(result.points).toBe(points);
  });

  it('explains every rule that applied, in words', () => {
    const result = prioritize(
      input({
        severity: 'critical',
        score: 10,
        knownExploited: true,
        epss: 0.97,
        exposure: EDGE,
        direct: true,
        fixedVersions: ['2.15.0'],
      }),
    );

    expect(result.reasons).toEqual([
      'critical severity (CVSS 10.0)',
      'known to be exploited (CISA KEV)',
      'EPSS 0.97: exploitation likely within 30 days',
      'service is internet-facing',
      'service handles user data',
      'fixed in 2.15.0',
      'direct dependency: upgrade it in the manifest',
      '120 points: P1',
    ]);
  });

  it('does not tell a direct dependency with no fix to upgrade', () => {
    const result = prioritize(
      input({ severity: 'high', direct: true, fixedVersions: [] }),
    );

    expect(result.reasons).toContain(
      'no fixed version yet; mitigate or replace the package',
    );
    expect(result.reasons).toContain(
      'direct dependency: the service can replace or remove it itself',
    );
    expect(result.reasons.join('\n')).not.toContain('upgrade');
  });

  it('says why a development dependency is capped', () => {
    const result = prioritize(
      input({ severity: 'critical', scope: 'dev', fixedVersions: [] }),
    );

    expect(result.reasons).toContain(
      'dev dependency only: not shipped, so at most P3',
    );
    expect(result.reasons).toContain(
      'no fixed version yet; mitigate or replace the package',
    );
  });
});
