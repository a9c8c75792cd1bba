import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Zip, ZipDeflate, strFromU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ZipFileWriter } from '../../../bench/zip-writer.js';
import { SHARED_DIR, listFiles } from '../../../test-support/shared.js';
import type { AdvisoryRecord, AdvisoryWarning } from '../../model.js';
import type { AdvisoryBatch, FeedStreamOptions } from '../types.js';
import { osvFeed } from './index.js';
import { parseOsvText } from './parse-text.js';

const ADVISORIES = path.join(SHARED_DIR, 'advisories');
const FOLDERS = [
  'github-advisory-database',
  'golang-vulndb',
  'pypa-advisory-database',
  'rustsec-advisory-db',
];
const LOG4SHELL = readFileSync(
  path.join(
    ADVISORIES,
    'github-advisory-database/maven/GHSA-jfh8-c2jp-5v3q.json',
  ),
);
const GO_2102 = readFileSync(
  path.join(ADVISORIES, 'golang-vulndb/GO-2023-2102.json'),
);

function tempFile(name: string): string {
  return path.join(mkdtempSync(path.join(tmpdir(), 'qm-osv-stream-')), name);
}

async function streamAll(location: string, options: FeedStreamOptions) {
  const batches: AdvisoryBatch[] = [];
  for await (const batch of osvFeed.stream(location, options))
    batches.push(batch);
  return {
    batches,
    records: batches.flatMap((b) => b.records),
    warnings: batches.flatMap((b) => b.warnings),
    files: batches.reduce((sum, b) => sum + b.files, 0),
  };
}

function bySource(records: AdvisoryRecord[]): AdvisoryRecord[] {
  return [...records].sort((a, b) =>
    a.source < b.source ? -1 : a.source > b.source ? 1 : 0,
  );
}

/** The shared advisory files as `folder/file` names and their bytes. */
function sharedEntries(): Array<[string, Uint8Array]> {
  return FOLDERS.flatMap((folder) =>
    listFiles(path.join(ADVISORIES, folder)).map(
      (file): [string, Uint8Array] => [
        `${folder}/${file}`,
        readFileSync(path.join(ADVISORIES, folder, file)),
      ],
    ),
  );
}

/** Byte offset of the first central directory header. */
function centralHeader(zip: Uint8Array): number {
  return Buffer.from(zip).indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
}

describe('osvFeed.stream gives the records read whole, in batches', () => {
  it.each(FOLDERS)('folder %s', async (folder) => {
    const root = path.join(ADVISORIES, folder);
    // Independent route: each file parsed on its own, as `read` did.
    const warnings: AdvisoryWarning[] = [];
    const expected = listFiles(root).flatMap((file) =>
      parseOsvText(readFileSync(path.join(root, file), 'utf8'), file, warnings),
    );

    const got = await streamAll(root, { batchRecords: 25 });

    expect(bySource(got.records)).toEqual(bySource(expected));
    expect(got.files).toBe(listFiles(root).length);
    expect(got.batches.length).toBeGreaterThanOrEqual(
      Math.ceil(expected.length / 25),
    );
    expect(Math.max(...got.batches.map((b) => b.records.length))).toBe(25);
  });

  it('cuts batches by bytes of text as well', async () => {
    const root = path.join(ADVISORIES, 'golang-vulndb');

    const got = await streamAll(root, { batchBytes: 20_000 });

    // Each batch closes once past 20,000 characters; a file is under 13 KB.
    const sizes = got.batches.map((b) =>
      b.records.reduce(
        (sum, r) =>
          sum + readFileSync(path.join(root, r.source), 'utf8').length,
        0,
      ),
    );
    expect(got.records).toHaveLength(474);
    expect(got.batches.length).toBeGreaterThan(20);
    expect(Math.max(...sizes)).toBeLessThan(20_000 + 13_000);
  });

  it('a zip of the whole shared set, some entries stored, some deflated', async () => {
    const entries = sharedEntries();
    const file = tempFile('all.zip');
    writeFileSync(
      file,
      zipSync(
        Object.fromEntries(
          entries.map(([name, data], i) => [
            name,
            [data, { level: i % 3 === 0 ? 0 : 6 }],
          ]),
        ),
      ),
    );
    // Independent route: fflate inflates the archive whole.
    const warnings: AdvisoryWarning[] = [];
    const expected = Object.entries(unzipSync(readFileSync(file))).flatMap(
      ([name, data]) =>
        parseOsvText(strFromU8(data), `${file}!${name}`, warnings),
    );

    const got = await streamAll(file, { batchRecords: 100 });

    expect(expected).toHaveLength(1068);
    expect(bySource(got.records)).toEqual(bySource(expected));
    expect(got.files).toBe(entries.length);
    // The same two warnings as reading the folders (osv-feed.test.ts).
    expect(got.warnings).toEqual(warnings);
    expect(warnings.map((w) => w.source.split('/').pop())).toEqual([
      'GHSA-v23v-6jw2-98fq.json',
      'GHSA-r683-j2x4-v87g.json',
    ]);
    expect(got.batches.map((b) => b.records.length).slice(0, -1)).toEqual(
      Array(Math.floor(1068 / 100)).fill(100),
    );
  });

  it('a zip streamed by fflate, sizes in data descriptors', async () => {
    const chunks: Uint8Array[] = [];
    const zip = new Zip((error, chunk) => {
      if (error) throw error;
      chunks.push(chunk);
    });
    for (const [name, data] of [
      ['GHSA-jfh8-c2jp-5v3q.json', LOG4SHELL],
      ['GO-2023-2102.json', GO_2102],
    ] as const) {
      const entry = new ZipDeflate(name);
      zip.add(entry);
      entry.push(data, true);
    }
    zip.end();
    const file = tempFile('all.zip');
    writeFileSync(file, Buffer.concat(chunks));

    const got = await streamAll(file, {});

    expect(got.records.map((r) => r.id)).toEqual([
      'GHSA-jfh8-c2jp-5v3q',
      'GO-2023-2102',
    ]);
  });

  it('a ZIP64 archive past 65,535 entries', async () => {
    const file = tempFile('all.zip');
    const writer = await ZipFileWriter.create(file);
    for (let i = 0; i < 70_000; i += 1)
      await writer.add(`notes/${i}.txt`, Buffer.from(String(i)), {
        store: true,
      });
    await writer.add('GO-2023-2102.json', GO_2102);
    await writer.close();
    // Independent route: fflate's reader counts the directory.
    let counted = 0;
    unzipSync(readFileSync(file), {
      filter: () => {
        counted += 1;
        return false;
      },
    });

    const got = await streamAll(file, {});

    expect(counted).toBe(70_001);
    expect(got.files).toBe(70_001);
    expect(got.records.map((r) => r.id)).toEqual(['GO-2023-2102']);
  });
});

describe('osvFeed.stream guards on a zip', () => {
  it('warns once per refused entry, whatever the batches', async () => {
    const file = tempFile('all.zip');
    writeFileSync(
      file,
      zipSync({
        '../a.json': LOG4SHELL,
        'b/../../b.json': LOG4SHELL,
        'bomb.json': new Uint8Array(2 << 20),
        'GHSA-jfh8-c2jp-5v3q.json': LOG4SHELL,
        'GO-2023-2102.json': GO_2102,
      }),
    );

    const got = await streamAll(file, {
      batchRecords: 1,
      limits: { maxFileBytes: 1 << 20 },
    });

    expect(got.records.map((r) => r.id)).toEqual([
      'GHSA-jfh8-c2jp-5v3q',
      'GO-2023-2102',
    ]);
    expect(got.warnings.map((w) => w.code).sort()).toEqual([
      'ERR_OSV_TOO_LARGE',
      'ERR_ZIP_UNSAFE_PATH',
      'ERR_ZIP_UNSAFE_PATH',
    ]);
    expect(got.files).toBe(5);
  });

  it('refuses an archive past its caps before the first batch', async () => {
    const file = tempFile('all.zip');
    const entries = Object.fromEntries(
      Array.from({ length: 5 }, (_, i) => [`${i}.json`, GO_2102]),
    );
    writeFileSync(file, zipSync(entries));
    const limits = { maxTotalBytes: GO_2102.length * 4 + 100 };

    const first = osvFeed.stream(file, { batchRecords: 1, limits });
    const next = first[Symbol.asyncIterator]().next();

    await expect(next).rejects.toMatchObject({ code: 'ERR_ZIP_LIMIT' });
  });

  it('skips an entry that expands past the size its header declares', async () => {
    const zip = zipSync({ 'GO-2023-2102.json': GO_2102 });
    // The central directory's uncompressed size, at +24, now lies.
    Buffer.from(zip.buffer, zip.byteOffset, zip.length).writeUInt32LE(
      100,
      centralHeader(zip) + 24,
    );
    const file = tempFile('all.zip');
    writeFileSync(file, zip);

    const got = await streamAll(file, {});

    expect(got.records).toEqual([]);
    expect(got.warnings.map((w) => w.code)).toEqual(['ERR_OSV_TOO_LARGE']);
  });

  it('refuses corrupt data where it is met', async () => {
    const zip = zipSync({ 'GO-2023-2102.json': GO_2102 });
    // Block type 3 does not exist in deflate: the entry cannot inflate.
    zip.fill(0xff, 30 + 'GO-2023-2102.json'.length, centralHeader(zip));
    const file = tempFile('all.zip');
    writeFileSync(file, zip);

    const reading = streamAll(file, {});

    await expect(reading).rejects.toMatchObject({ code: 'ERR_ZIP_UNREADABLE' });
  });

  it('refuses a truncated archive', async () => {
    const zip = zipSync({ 'GO-2023-2102.json': GO_2102 });
    const file = tempFile('all.zip');
    writeFileSync(file, zip.subarray(0, zip.length - 10));

    const reading = streamAll(file, {});

    await expect(reading).rejects.toMatchObject({ code: 'ERR_ZIP_UNREADABLE' });
  });
});
