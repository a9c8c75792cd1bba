import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { SHARED_DIR } from '../../test-support/shared.js';
import { readEpssScores } from './epss.js';
import { readKevCatalog } from './kev.js';

const ENRICHMENT = path.join(SHARED_DIR, 'advisories/enrichment');
const KEV = path.join(
  ENRICHMENT,
  'cisa-kev/known_exploited_vulnerabilities.json',
);

describe('readKevCatalog', () => {
  it('reads every entry the catalogue counts', async () => {
    // Independent route: the catalogue's own `count` field.
    const declared = (
      JSON.parse(readFileSync(KEV, 'utf8')) as { count: number }
    ).count;

    const catalog = await readKevCatalog(KEV);

    expect(catalog.entries.size).toBe(declared);
    expect(catalog.version).toBe('2025.08.25');
  });

  it.each([
    'CVE-2021-44228',
    'CVE-2021-45046',
    'CVE-2022-22965',
    'CVE-2023-44487',
  ])('lists %s (SOURCES.md)', async (cve) => {
    const catalog = await readKevCatalog(KEV);

    expect(catalog.entries.has(cve)).toBe(true);
  });

  it('refuses a file that is not a catalogue', async () => {
    const file = path.join(
      mkdtempSync(path.join(tmpdir(), 'qm-kev-')),
      'kev.json',
    );
    writeFileSync(file, '{"title": "nothing"}');

    await expect(readKevCatalog(file)).rejects.toMatchObject({
      code: 'ERR_KEV_FORMAT',
    });
  });
});

describe('readEpssScores', () => {
  it('reads the per-year mirror, one score per line', async () => {
    // Independent route: non-empty lines of the files, counted as text.
    const folder = path.join(ENRICHMENT, 'epss');
    const lines = readdirSync(folder)
      .flatMap((f) => readFileSync(path.join(folder, f), 'utf8').split('\n'))
      .filter((l) => l.startsWith('CVE-'));
    const distinct = new Set(lines.map((l) => l.split(';')[0])).size;

    const scores = await readEpssScores(folder);

    expect(scores.size).toBe(distinct);
    expect(scores.get('CVE-2021-44228')).toEqual({
      epss: 0.99999,
      percentile: 1,
    });
  });

  it("reads FIRST's gzip CSV with its comment and header", async () => {
    const file = path.join(
      mkdtempSync(path.join(tmpdir(), 'qm-epss-')),
      'epss.csv.gz',
    );
    const csv = [
      '#model_version:v2025.03.14,score_date:2025-08-25T12:55:00Z',
      'cve,epss,percentile',
      'CVE-2021-44228,0.94358,0.99957',
      'CVE-1999-0001,0.01,0.5',
    ].join('\n');
    writeFileSync(file, gzipSync(csv));

    const scores = await readEpssScores(file);

    expect([...scores.keys()]).toEqual(['CVE-2021-44228', 'CVE-1999-0001']);
    expect(scores.get('CVE-2021-44228')?.epss).toBe(0.94358);
  });
});
