import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHARED_DIR } from '../../test-support/shared.js';
import { osvFeed } from '../sources/osv/index.js';
import { assessSeverity } from './assess.js';
import { scoreCvss } from './cvss.js';

describe('scoreCvss', () => {
  // Scores as the specifications' own calculators (NVD, FIRST) give them.
  it.each([
    ['CVSS_V3', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H', '3.1', 10],
    ['CVSS_V3', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:N', '3.1', 9.1],
    ['CVSS_V3', 'CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', '3.0', 9.8],
    ['CVSS_V3', 'CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N', '3.1', 5.5],
    ['CVSS_V2', 'AV:N/AC:L/Au:N/C:P/I:P/A:P', '2.0', 7.5],
    [
      'CVSS_V4',
      'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N',
      '4.0',
      9.3,
    ],
  ])('%s %s -> %s %s', (type, score, version, expected) => {
    const result = scoreCvss({ type, score });

    expect(result?.version).toBe(version);
    expect(result?.score).toBe(expected);
  });

  it.each([
    ['CVSS_V3', 'garbage'],
    ['CVSS_V3', 'CVSS:3.1/AV:Q'],
    ['Ubuntu', 'high'],
  ])('returns undefined for %s %s', (type, score) => {
    const result = scoreCvss({ type, score });

    expect(result).toBeUndefined();
  });
});

describe('assessSeverity', () => {
  it('prefers the newest CVSS version', () => {
    const result = assessSeverity({
      severity: [
        {
          type: 'CVSS_V3',
          score: 'CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N',
        },
        {
          type: 'CVSS_V4',
          score:
            'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N',
        },
      ],
    });

    expect(result).toMatchObject({
      level: 'critical',
      score: 9.3,
      source: 'cvss',
    });
  });

  it.each([
    ['LOW', 'low'],
    ['MODERATE', 'medium'],
    ['HIGH', 'high'],
    ['CRITICAL', 'critical'],
    [undefined, 'unknown'],
  ])('falls back to the database word %s', (word, level) => {
    const result = assessSeverity({ severity: [], databaseSeverity: word });

    expect(result.level).toBe(level);
  });

  it('uses per-package vectors when the record has none', () => {
    const result = assessSeverity({
      severity: [],
      affected: [
        {
          severity: [{ type: 'CVSS_V2', score: 'AV:N/AC:L/Au:N/C:P/I:P/A:P' }],
        },
      ],
    });

    expect(result).toMatchObject({ level: 'high', score: 7.5 });
  });

  it('agrees with GitHub own rating on every GHSA copy that has only a v3 vector', async () => {
    // Independent route: GitHub's database_specific.severity word.
    const batch = await osvFeed.read(
      path.join(SHARED_DIR, 'advisories/github-advisory-database'),
    );
    const v3Only = batch.records.filter(
      (r) =>
        r.severity.length > 0 && r.severity.every((s) => s.type === 'CVSS_V3'),
    );

    const pairs = v3Only.map((r) => [
      r.id,
      assessSeverity({ severity: r.severity }).level,
      r.databaseSeverity?.toLowerCase().replace('moderate', 'medium'),
    ]);

    expect(v3Only.length).toBeGreaterThan(20);
    expect(pairs.filter(([, ours, theirs]) => ours !== theirs)).toEqual([]);
  });
});
