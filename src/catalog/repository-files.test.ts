import {
  mkdirSync,
  mkdtempSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
