import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { SHARED_DIR, listFiles } from '../../../test-support/shared.js';
import { osvFeed } from './index.js';

const ADVISORIES = path.join(SHARED_DIR, 'advisories');
const LOG4SHELL = path.join(
  ADVISORIES,
  'github-advisory-database/maven/GHSA-jfh8-c2jp-5v3q.json',
);

function tempDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'qm-osv-'));
}

const LENIENT: Record<string, number> = { 'github-advisory-database': 2 };

describe('osvFeed.read on the shared advisory set', () => {
  it.each([
    'github-advisory-database',
    'golang-vulndb',
    'rustsec-advisory-db',
    'pypa-advisory-database',
  ])('reads one record per file of %s', async (folder) => {
    // Independent route: the files on disk, listed by the test helper.
    const expected = listFiles(path.join(ADVISORIES, folder)).filter((f) =>
      /\.(json|yaml)$/.test(f),
    ).length;

    const batch = await osvFeed.read(path.join(ADVISORIES, folder));

    // Two real records write versions their ecosystems refuse (Go without
    // its v, npm's "1.0"); they are read, with a warning each.
    expect(batch.warnings.map((w) => w.code)).toEqual(
      Array(LENIENT[folder] ?? 0).fill('ERR_OSV_VERSION_INVALID'),
    );
    expect(batch.records).toHaveLength(expected);
  });

  it('keeps withdrawn records, as many as the raw text marks', async () => {
    const files = [
      'golang-vulndb',
      'rustsec-advisory-db',
      'pypa-advisory-database',
    ].flatMap((folder) =>
      listFiles(path.join(ADVISORIES, folder)).map((f) =>
        path.join(ADVISORIES, folder, f),
      ),
    );
    // Independent route: a top-level `withdrawn` key found in the text.
    const marked = files.filter((f) =>
      /^\s{0,2}"?withdrawn"?\s*:/m.test(readFileSync(f, 'utf8')),
    ).length;

    const batches = await Promise.all(
      ['golang-vulndb', 'rustsec-advisory-db', 'pypa-advisory-database'].map(
        (folder) => osvFeed.read(path.join(ADVISORIES, folder)),
      ),
    );
    const withdrawn = batches
      .flatMap((b) => b.records)
      .filter((r) => r.withdrawn !== undefined);

    expect(withdrawn).toHaveLength(marked);
    expect(marked).toBe(31); // SOURCES.md: 17 GO, 13 RUSTSEC, 1 PYSEC
  });

  it('normalises package names so they meet the inventory', async () => {
    const batch = await osvFeed.read(
      path.join(
        ADVISORIES,
        'github-advisory-database/pypi/GHSA-pv4p-cwwg-4rph.json',
      ),
    );

    const names = batch.records[0]?.affected.map((a) => a.name);

    expect(names).toContain('django');
  });

  it('reads the PyPA YAML records with their version lists', async () => {
    const batch = await osvFeed.read(
      path.join(ADVISORIES, 'pypa-advisory-database/PYSEC-2023-74.yaml'),
    );

    const [record] = batch.records;

    expect(record?.id).toBe('PYSEC-2023-74');
    expect(record?.affected[0]?.name).toBe('requests');
    expect(record?.affected[0]?.versions.length).toBeGreaterThan(10);
  });
});

describe('osvFeed.read layouts', () => {
  it('reads a GitHub Advisory Database checkout', async () => {
    const root = tempDir();
    const folder = path.join(
      root,
      'advisories/github-reviewed/2021/12/GHSA-jfh8-c2jp-5v3q',
    );
    mkdirSync(folder, { recursive: true });
    writeFileSync(
      path.join(folder, 'GHSA-jfh8-c2jp-5v3q.json'),
      readFileSync(LOG4SHELL),
    );

    const batch = await osvFeed.read(root);

    expect(batch.records.map((r) => r.id)).toEqual(['GHSA-jfh8-c2jp-5v3q']);
    expect(batch.records[0]?.source).toBe(
      'advisories/github-reviewed/2021/12/GHSA-jfh8-c2jp-5v3q/GHSA-jfh8-c2jp-5v3q.json',
    );
  });

  it('reads an all.zip export', async () => {
    const file = path.join(tempDir(), 'all.zip');
    writeFileSync(
      file,
      zipSync({
        'GHSA-jfh8-c2jp-5v3q.json': readFileSync(LOG4SHELL),
        'GO-2023-2102.json': readFileSync(
          path.join(ADVISORIES, 'golang-vulndb/GO-2023-2102.json'),
        ),
      }),
    );

    const batch = await osvFeed.read(file);

    expect(batch.records.map((r) => r.id).sort()).toEqual([
      'GHSA-jfh8-c2jp-5v3q',
      'GO-2023-2102',
    ]);
  });

  it.each([
    ['../evil.json', 'ERR_ZIP_UNSAFE_PATH'],
    ['/etc/evil.json', 'ERR_ZIP_UNSAFE_PATH'],
    ['a/../../evil.json', 'ERR_ZIP_UNSAFE_PATH'],
  ])('skips the entry %s with %s', async (name, code) => {
    const file = path.join(tempDir(), 'all.zip');
    writeFileSync(file, zipSync({ [name]: readFileSync(LOG4SHELL) }));

    const batch = await osvFeed.read(file);

    expect(batch.records).toEqual([]);
    expect(batch.warnings.map((w) => w.code)).toEqual([code]);
  });

  it('skips an entry that expands past the per-entry cap', async () => {
    const file = path.join(tempDir(), 'all.zip');
    // 2 MiB of zeros compress to a few KiB: a small bomb.
    writeFileSync(file, zipSync({ 'bomb.json': new Uint8Array(2 << 20) }));

    const batch = await osvFeed.read(file, { maxFileBytes: 1 << 20 });

    expect(batch.records).toEqual([]);
    expect(batch.warnings.map((w) => w.code)).toEqual(['ERR_OSV_TOO_LARGE']);
  });

  it.each([
    [{ maxEntries: 2 }, 3, 1],
    [{ maxTotalBytes: 2500 }, 3, 1000],
  ])('refuses an archive past %o', async (limits, count, size) => {
    const file = path.join(tempDir(), 'all.zip');
    const entries = Object.fromEntries(
      Array.from({ length: count }, (_, i) => [
        `${i}.json`,
        new Uint8Array(size),
      ]),
    );
    writeFileSync(file, zipSync(entries));

    const reading = osvFeed.read(file, limits);

    await expect(reading).rejects.toMatchObject({ code: 'ERR_ZIP_LIMIT' });
  });

  it('refuses a file that is not a zip archive', async () => {
    const file = path.join(tempDir(), 'all.zip');
    writeFileSync(file, 'not a zip');

    const reading = osvFeed.read(file);

    await expect(reading).rejects.toMatchObject({ code: 'ERR_ZIP_UNREADABLE' });
  });

  it('turns unreadable files into warnings and reads the rest', async () => {
    const root = tempDir();
    writeFileSync(path.join(root, 'broken.json'), '{ not json');
    writeFileSync(
      path.join(root, 'no-id.json'),
      '{"modified": "2024-01-01T00:00:00Z"}',
    );
    writeFileSync(path.join(root, 'ok.json'), readFileSync(LOG4SHELL));
    writeFileSync(path.join(root, 'bad.yaml'), 'a: [');

    const batch = await osvFeed.read(root);

    expect(batch.records.map((r) => r.id)).toEqual(['GHSA-jfh8-c2jp-5v3q']);
    expect(batch.warnings.map((w) => w.code).sort()).toEqual([
      'ERR_OSV_RECORD',
      'ERR_OSV_SYNTAX',
      'ERR_OSV_SYNTAX',
    ]);
  });

  it('refuses a location that does not exist', async () => {
    const reading = osvFeed.read(path.join(tempDir(), 'missing'));

    await expect(reading).rejects.toMatchObject({
      code: 'ERR_ADVISORY_SOURCE',
    });
  });
});
