import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, test } from 'vitest';
import { SHARED_DIR } from '../../test-support/shared.js';
import { loadCachedEnrichment, syncEnrichment } from './enrichment-cache.js';

const KEV = path.join(
  SHARED_DIR,
  'advisories/enrichment/cisa-kev/known_exploited_vulnerabilities.json',
);
const EPSS_CSV = [
  '#model_version:v2025.03.14,score_date:2025-08-25T12:55:00Z',
  'cve,epss,percentile',
  'CVE-2021-44228,0.94358,0.99957',
  'CVE-1999-0001,0.01,0.5',
].join('\n');

describe('syncEnrichment', () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((done) => server?.close(() => done())));

  test('caches KEV from a file and EPSS from a URL, then loads both', async () => {
    // Independent route: the catalogue's own `count` field.
    const declared = (
      JSON.parse(readFileSync(KEV, 'utf8')) as { count: number }
    ).count;
    server = createServer((_, res) => res.end(gzipSync(EPSS_CSV)));
    await new Promise<void>((ok) => server!.listen(0, '127.0.0.1', ok));
    const { port } = server.address() as AddressInfo;
    const cacheDir = mkdtempSync(path.join(tmpdir(), 'qm-enrich-'));

    const result = await syncEnrichment(cacheDir, {
      kev: KEV,
      epss: `http://127.0.0.1:${port}/epss.csv.gz`,
    });
    const loaded = await loadCachedEnrichment(cacheDir);

    expect(result).toMatchObject({
      kev: { entries: declared },
      epss: { scores: 2 },
    });
    expect(loaded?.kev?.entries.size).toBe(declared);
    expect(loaded?.epss?.get('CVE-2021-44228')?.epss).toBe(0.94358);
  });

  test('a broken KEV file is refused and the cached one stays', async () => {
    const cacheDir = mkdtempSync(path.join(tmpdir(), 'qm-enrich-'));
    await syncEnrichment(cacheDir, { kev: KEV });
    const broken = path.join(cacheDir, 'broken.json');
    writeFileSync(broken, '{"title": "nothing"}');

    const attempt = syncEnrichment(cacheDir, { kev: broken });

    await expect(attempt).rejects.toMatchObject({ code: 'ERR_KEV_FORMAT' });
    expect((await loadCachedEnrichment(cacheDir))?.kev?.entries.size).toBe(
      (JSON.parse(readFileSync(KEV, 'utf8')) as { count: number }).count,
    );
  });

  test('a missing local file is an input error', async () => {
    const cacheDir = mkdtempSync(path.join(tmpdir(), 'qm-enrich-'));

    const attempt = syncEnrichment(cacheDir, { kev: '/nowhere/kev.json' });

    await expect(attempt).rejects.toMatchObject({
      code: 'ERR_ENRICHMENT_SOURCE',
    });
  });
});
