import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { allExtractors } from '../ecosystems/registry.js';
import { CORPUS_DIR, listFiles } from '../test-support/shared.js';
import { isFileOfInterest } from './file-kinds.js';
import { listRepositoryFiles } from './walk.js';

const made: string[] = [];

function makeRepository(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'qm-walk-'));
  made.push(root);
  writeFileSync(path.join(root, 'package.json'), '{}');
  return root;
}

afterEach(() => {
  // rm copes with paths longer than PATH_MAX; fs.rm may not.
  for (const root of made.splice(0)) {
    execFileSync('chmod', ['-R', 'u+rwx', root]);
    execFileSync('rm', ['-rf', root]);
  }
});

/**
 * As root, chmod 000 does not stop reads. A folder whose absolute path is
 * longer than PATH_MAX (4096) cannot be read by any user, so it stands in:
 * a child process creates it step by step with relative paths.
 */
function makeUnreadableFolder(root: string): string {
  if (process.getuid?.() !== 0) {
    mkdirSync(path.join(root, 'locked'));
    writeFileSync(path.join(root, 'locked/package.json'), '{}');
    chmodSync(path.join(root, 'locked'), 0o000);
    return 'locked';
  }
  const segment = 'd'.repeat(200);
  const script =
    `const fs = require('node:fs');` +
    `for (let i = 0; i < 25; i++) {` +
    `fs.mkdirSync('${segment}'); process.chdir('${segment}'); }`;
  execFileSync(process.execPath, ['-e', script], { cwd: root });
  let depth = 1;
  while ((root + `/${segment}`.repeat(depth)).length < 4096) depth++;
  return Array(depth).fill(segment).join('/');
}

describe('listRepositoryFiles errors', () => {
  it('records an unreadable folder and lists the rest', async () => {
    const root = makeRepository();
    const unreadable = makeUnreadableFolder(root);

    const listing = await listRepositoryFiles(root);

    expect(listing.files).toEqual(['package.json']);
    expect(listing.errors).toEqual([
      expect.objectContaining({
        file: unreadable,
        code: 'ERR_UNREADABLE_DIRECTORY',
      }),
    ]);
  });
});

describe('isFileOfInterest', () => {
  it.each([
    ['package.json', true],
    ['services/api/pom.xml', true],
    ['src/App/App.csproj', true],
    ['Gemfile', true],
    ['.github/CODEOWNERS', true],
    ['requirements/dev.in', true],
    ['gradle/libs.versions.toml', true],
    ['src/index.ts', false],
    ['README', false],
    ['image.png', false],
  ])('%s → %s', (file, expected) => {
    expect(isFileOfInterest(file)).toBe(expected);
  });
});

describe('isFileOfInterest against the extractors', () => {
  it('keeps every corpus file some extractor reads', () => {
    const extractors = allExtractors();
    const corpusFiles = listFiles(CORPUS_DIR);

    const missed = corpusFiles.filter(
      (f) => extractors.some((e) => e.matches(f)) && !isFileOfInterest(f),
    );

    expect(missed).toEqual([]);
    expect(corpusFiles.some((f) => extractors.some((e) => e.matches(f)))).toBe(
      true,
    );
  });
});
