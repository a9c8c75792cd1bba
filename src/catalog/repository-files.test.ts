import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allExtractors } from '../ecosystems/registry.js';
import { listFiles, PROJECT_DIR } from '../test-support/shared.js';
import { DiskRepositoryFiles } from './repository-files.js';

let dir: string;
let files: DiskRepositoryFiles;

// A repository beside a folder whose name starts like it, plus links.
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'qm-files-'));
  mkdirSync(path.join(dir, 'repo/sub'), { recursive: true });
  mkdirSync(path.join(dir, 'repo-secrets'));
  writeFileSync(path.join(dir, 'repo/package.json'), '{"name":"a"}');
  writeFileSync(path.join(dir, 'repo/big.json'), 'x'.repeat(100));
  writeFileSync(path.join(dir, 'repo/bom.json'), '\uFEFF\uFEFF{}');
  writeFileSync(path.join(dir, 'repo-secrets/token.txt'), 'secret');
  symlinkSync('../package.json', path.join(dir, 'repo/sub/link.json'));
  symlinkSync(path.join(dir, 'repo-secrets'), path.join(dir, 'repo/out'));
  files = new DiskRepositoryFiles({
    root: path.join(dir, 'repo'),
    paths: ['package.json', 'big.json'],
    maxFileBytes: 50,
  });
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('DiskRepositoryFiles.readText', () => {
  it.each([
    ['package.json', '{"name":"a"}'],
    ['sub/link.json', '{"name":"a"}'],
    ['sub/../package.json', '{"name":"a"}'],
    ['bom.json', '\uFEFF{}'], // one BOM is dropped, not every one
    ['missing.json', undefined],
    ['sub', undefined],
    ['../repo-secrets/token.txt', undefined],
    ['out/token.txt', undefined],
    ['../../../../../../etc/hostname', undefined],
  ])('%s → %s', async (file, expected) => {
    expect(await files.readText(file)).toBe(expected);
  });

  it('refuses a file over the size limit', async () => {
    await expect(files.readText('big.json')).rejects.toMatchObject({
      code: 'ERR_FILE_TOO_LARGE',
    });
  });
});

describe('lockfiles starting with a byte order mark', () => {
  const ecosystems = path.join(PROJECT_DIR, 'src/ecosystems');
  const copies: string[] = [];
  afterAll(() => {
    for (const copy of copies) rmSync(copy, { recursive: true, force: true });
  });

  // Reads `file` of `root` the way a scan does.
  async function extract(root: string, file: string) {
    const repository = new DiskRepositoryFiles({
      root,
      paths: listFiles(root),
    });
    const extractor = allExtractors().find((e) => e.matches(file));
    const text = await repository.readText(file);
    return extractor!.extract({ path: file, text: text!, repository });
  }

  it.each([
    ['npm/__fixtures__/package-lock-workspaces-v3', 'package-lock.json'],
    ['composer/__fixtures__/replace-and-path', 'composer.lock'],
    ['nuget/__fixtures__/central', 'src/App/packages.lock.json'],
  ])('%s/%s reads as it does without', async (fixture, file) => {
    const source = path.join(ecosystems, fixture);
    const copy = mkdtempSync(path.join(tmpdir(), 'qm-bom-'));
    copies.push(copy);
    cpSync(source, copy, { recursive: true });
    // Manifests beside the lockfile get one too, as Windows tools write them.
    for (const name of listFiles(copy).filter((f) =>
      /\.(json|lock)$/.test(f),
    )) {
      const text = readFileSync(path.join(copy, name), 'utf8');
      writeFileSync(path.join(copy, name), `\uFEFF${text}`);
    }

    const withMark = await extract(copy, file);

    expect(withMark.packages.length).toBeGreaterThan(0);
    expect(withMark).toEqual(await extract(source, file));
  });
});
