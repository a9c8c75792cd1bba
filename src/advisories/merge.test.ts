import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHARED_DIR } from '../test-support/shared.js';
import { mergeRecords } from './merge.js';
import type { AdvisoryRecord } from './model.js';
import { osvFeed } from './sources/osv/index.js';

const ADVISORIES = path.join(SHARED_DIR, 'advisories');

function record(
  id: string,
  overrides: Partial<AdvisoryRecord> = {},
): AdvisoryRecord {
  return {
    id,
    aliases: [],
    modified: '2024-01-01T00:00:00Z',
    severity: [],
    affected: [],
    references: [],
    source: `${id}.json`,
    ...overrides,
  };
}

describe('mergeRecords', () => {
  it('merges records that share ids, directly or through others', () => {
    const records = [
      record('GO-1', { aliases: ['CVE-1', 'GHSA-a'] }),
      record('GHSA-a', { aliases: ['CVE-1'] }),
      record('PYSEC-9', { aliases: ['CVE-9'] }),
      record('RUSTSEC-1', { aliases: ['GO-1'] }),
    ];

    const vulnerabilities = mergeRecords(records);

    expect(vulnerabilities.map((v) => [v.id, v.ids])).toEqual([
      ['GHSA-a', ['CVE-1', 'GHSA-a', 'GO-1', 'RUSTSEC-1']],
      ['PYSEC-9', ['CVE-9', 'PYSEC-9']],
    ]);
  });

  it('lets a newer modified replace the older record of the same id', () => {
    const older = record('GHSA-a', {
      summary: 'old',
      modified: '2023-01-01T00:00:00Z',
    });
    const newer = record('GHSA-a', {
      summary: 'new',
      modified: '2024-06-01T00:00:00Z',
    });

    const forward = mergeRecords([older, newer]);
    const backward = mergeRecords([newer, older]);

    expect(forward.map((v) => v.summary)).toEqual(['new']);
    expect(backward.map((v) => v.summary)).toEqual(['new']);
  });

  it('keeps a withdrawn record without reporting its packages', () => {
    const affected = [
      {
        ecosystem: 'npm' as const,
        name: 'x',
        ranges: [],
        versions: ['1.0.0'],
        severity: [],
      },
    ];
    const withdrawn = record('GO-1', {
      aliases: ['GHSA-a'],
      withdrawn: '2024-02-01T00:00:00Z',
      affected,
    });
    const alone = record('GO-2', {
      withdrawn: '2024-02-01T00:00:00Z',
      affected,
    });

    const [twin, lone] = mergeRecords([
      withdrawn,
      record('GHSA-a', { aliases: ['GO-1'] }),
      alone,
    ]);

    expect(twin?.withdrawn).toBeUndefined();
    expect(twin?.affected).toEqual([]);
    expect(twin?.records).toHaveLength(2);
    expect(lone?.withdrawn).toBe('2024-02-01T00:00:00Z');
  });

  it('joins the real GHSA and GO twins of HTTP/2 rapid reset', async () => {
    const ghsa = await osvFeed.read(
      path.join(
        ADVISORIES,
        'github-advisory-database/go/GHSA-4374-p667-p6c8.json',
      ),
    );
    const go = await osvFeed.read(
      path.join(ADVISORIES, 'golang-vulndb/GO-2023-2102.json'),
    );

    const merged = mergeRecords([...ghsa.records, ...go.records]);

    expect(merged).toHaveLength(1);
    expect(merged[0]?.id).toBe('GHSA-4374-p667-p6c8');
    expect(merged[0]?.ids).toEqual([
      'CVE-2023-39325',
      'GHSA-4374-p667-p6c8',
      'GO-2023-2102',
    ]);
  });
});
