import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { zipSync, strToU8 } from 'fflate';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { TEST_DIALECTS, useTestStore } from '../../test-support/databases.js';
import { SHARED_DIR } from '../../test-support/shared.js';
import { cachedZipPath } from './feed-cache.js';
import {
  syncAdvisories,
  type SyncAdvisoriesOptions,
} from './sync-advisories.js';

const NPM = path.join(SHARED_DIR, 'advisories/github-advisory-database/npm');

function npmFiles(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(NPM).filter((f) => f.endsWith('.json')))
    out[name] = readFileSync(path.join(NPM, name), 'utf8');
  return out;
}

function zipOf(files: Record<string, string>): Buffer {
  const entries = Object.fromEntries(
    Object.entries(files).map(([name, text]) => [name, strToU8(text)]),
  );
  return Buffer.from(zipSync(entries));
}

/** A tiny osv.dev stand-in: answers from a queue, else the current zip. */
interface FakeFeed {
  zip: Buffer;
  etag: string;
  queue: Array<number | 'truncate' | 'hang'>;
  requests: Array<{ url: string; ifNoneMatch?: string }>;
}

function serve(feed: FakeFeed): Promise<Server> {
  const server = createServer((req, res) => {
    const ifNoneMatch = req.headers['if-none-match'];
    feed.requests.push({ url: req.url ?? '', ifNoneMatch });
    const next = feed.queue.shift();
    if (next === 'hang') return; // never answers: the client must time out
    if (typeof next === 'number') {
      res.writeHead(next).end('down');
      return;
    }
    if (req.url !== '/npm/all.zip') {
      res.writeHead(404).end();
      return;
    }
    if (next !== 'truncate' && ifNoneMatch === feed.etag) {
      res.writeHead(304).end();
      return;
    }
    const body =
      next === 'truncate'
        ? feed.zip.subarray(0, feed.zip.length / 2)
        : feed.zip;
    res.writeHead(200, { etag: feed.etag }).end(body);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve(server)),
  );
}

describe.each(TEST_DIALECTS)('syncAdvisories on %s', (dialect) => {
  const store = useTestStore(dialect);
  let server: Server;
  let feed: FakeFeed;
  let options: SyncAdvisoriesOptions;

  beforeEach(async () => {
    feed = { zip: zipOf(npmFiles()), etag: '"v1"', queue: [], requests: [] };
    server = await serve(feed);
    const { port } = server.address() as AddressInfo;
    options = {
      cacheDir: mkdtempSync(path.join(tmpdir(), 'qm-sync-')),
      ecosystems: ['npm'],
      baseUrl: `http://127.0.0.1:${port}`,
      download: { attempts: 3, baseDelayMs: 5, timeoutMs: 5000 },
    };
  });
  afterEach(
    () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  );

  test('first sync imports every record, second gets 304', async () => {
    // Independent route: the files put into the zip, counted by name.
    const files = Object.keys(npmFiles()).length;

    const first = await syncAdvisories(store.db, options);
    const second = await syncAdvisories(store.db, options);

    expect(first.ecosystems[0]).toMatchObject({
      status: 'downloaded',
      counts: { imported: files },
    });
    expect(second.ecosystems[0]?.status).toBe('not-modified');
    expect(feed.requests[1]?.ifNoneMatch).toBe('"v1"');
  });

  test('a changed zip updates only the newer record', async () => {
    await syncAdvisories(store.db, options);
    const files = npmFiles();
    const name = 'GHSA-xvch-5gv4-984h.json';
    const record = JSON.parse(files[name] as string);
    record.modified = '2030-01-01T00:00:00Z';
    files[name] = JSON.stringify(record);
    feed.zip = zipOf(files);
    feed.etag = '"v2"';

    const result = await syncAdvisories(store.db, options);

    expect(result.ecosystems[0]).toMatchObject({
      status: 'downloaded',
      counts: { imported: 0, updated: 1 },
    });
  });

  test('retries a 500 and then succeeds', async () => {
    feed.queue.push(500, 503);

    const result = await syncAdvisories(store.db, options);

    expect(result.ecosystems[0]?.status).toBe('downloaded');
    expect(feed.requests).toHaveLength(3);
  });

  test('retries after a timeout and then succeeds', async () => {
    feed.queue.push('hang');

    const result = await syncAdvisories(store.db, {
      ...options,
      download: { ...options.download, timeoutMs: 300 },
    });

    expect(result.ecosystems[0]?.status).toBe('downloaded');
    expect(feed.requests).toHaveLength(2);
  });

  test('gives up after the last attempt and reports the failure', async () => {
    feed.queue.push(500, 500, 500);

    const result = await syncAdvisories(store.db, options);

    expect(result.ecosystems[0]).toMatchObject({
      status: 'failed',
      error: { code: 'ERR_ADVISORY_DOWNLOAD' },
    });
  });

  test('a truncated zip fails and keeps the cached archive', async () => {
    await syncAdvisories(store.db, options);
    const good = await readFile(cachedZipPath(options.cacheDir, 'npm'));
    feed.etag = '"v3"';
    feed.queue.push('truncate');

    const result = await syncAdvisories(store.db, options);

    expect(result.ecosystems[0]).toMatchObject({
      status: 'failed',
      error: { code: 'ERR_ADVISORY_DOWNLOAD_CORRUPT' },
    });
    expect(await readFile(cachedZipPath(options.cacheDir, 'npm'))).toEqual(
      good,
    );
  });

  test.each([
    [
      'a body over the download cap',
      { download: { attempts: 1, maxBytes: 100 } },
      'ERR_ADVISORY_DOWNLOAD_TOO_LARGE',
    ],
    [
      'an archive expanding past the feed limit',
      { limits: { maxTotalBytes: 1000 } },
      'ERR_ADVISORY_DOWNLOAD_CORRUPT',
    ],
  ])('refuses %s and caches nothing', async (_, extra, code) => {
    const result = await syncAdvisories(store.db, { ...options, ...extra });

    expect(result.ecosystems[0]).toMatchObject({
      status: 'failed',
      error: { code },
    });
    expect(existsSync(cachedZipPath(options.cacheDir, 'npm'))).toBe(false);
  });

  test('offline imports the cache and never calls the server', async () => {
    await syncAdvisories(store.db, options);
    const before = feed.requests.length;

    const offline = await syncAdvisories(store.db, {
      ...options,
      offline: true,
      ecosystems: ['npm', 'PyPI'],
    });

    expect(feed.requests).toHaveLength(before);
    expect(offline.ecosystems.map((e) => e.status)).toEqual([
      'cached',
      'missing',
    ]);
  });
});
