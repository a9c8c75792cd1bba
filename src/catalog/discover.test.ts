import { execFileSync } from 'node:child_process';
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
import { CORPUS_DIR } from '../test-support/shared.js';
import { discoverRepositories } from './discover.js';
import { listRepositoryFiles } from './walk.js';

let org: string;

function write(relative: string, text = '{}'): void {
  const file = path.join(org, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8' }).trim();
}

// A small organisation on disk; the expected values below are hand counts
// of this layout, not output of the code under test.
beforeAll(() => {
  org = mkdtempSync(path.join(tmpdir(), 'qm-discover-'));
  write('alpha/package.json');
  write('alpha/package-lock.json');
  write('alpha/src/index.ts', 'export {};');
  write('alpha/services/api/pom.xml', '<project/>');
  write('alpha/node_modules/left-pad/package.json');
  write('alpha/dist/bundle.json');
  write('alpha/coverage/coverage.json');
  write('alpha/.yarn/cache/x.json');
  write('alpha/vendor/own-code.json');
  write('alpha/nested/go.mod', 'module example.com/nested\n');
  git(path.join(org, 'alpha/nested'), 'init', '-q');
  git(path.join(org, 'alpha'), 'init', '-q');
  symlinkSync('/etc', path.join(org, 'alpha/link-out'));
  symlinkSync('/etc/hostname', path.join(org, 'alpha/link-out.json'));
  symlinkSync('package.json', path.join(org, 'alpha/link-in.json'));
  symlinkSync('.', path.join(org, 'alpha/loop'));

  write('beta/go.mod', 'module example.com/beta\n');
  write('beta/vendor/modules.txt', '# vendored\n');
  write('beta/vendor/github.com/x/y/go.mod', 'module github.com/x/y\n');
  write('group/gamma/Cargo.lock', '');
  write('group/deep/a/b/c/package.json');
  write('docs/readme.md', '# not a repository');
  write('worktree/.git', 'gitdir: /elsewhere/.git/worktrees/x\n');
});

afterAll(() => rmSync(org, { recursive: true, force: true }));

describe('discoverRepositories', () => {
  it('finds git checkouts, plain folders and nested checkouts to depth 4', async () => {
    const roots = await discoverRepositories([org]);

    expect(roots).toEqual(
      ['alpha', 'alpha/nested', 'beta', 'group/gamma', 'worktree'].map((r) =>
        path.join(org, r),
      ),
    );
  });

  it.each([
    { maxDepth: 1, found: ['alpha', 'alpha/nested', 'beta', 'worktree'] },
    {
      maxDepth: 5,
      found: [
        'alpha',
        'alpha/nested',
        'beta',
        'group/deep/a/b/c',
        'group/gamma',
        'worktree',
      ],
    },
  ])('looks $maxDepth levels down', async ({ maxDepth, found }) => {
    const roots = await discoverRepositories([org], { maxDepth });

    expect(roots).toEqual(found.map((r) => path.join(org, r)));
  });

  it('takes a repository path as one repository, deduplicated', async () => {
    const beta = path.join(org, 'beta');

    const roots = await discoverRepositories([beta, `${beta}/`]);

    expect(roots).toEqual([beta]);
  });

  // Real Gradle builds whose build scripts the corpus did not keep: their
  // top holds gradle.properties, and lockfiles or gradle/ metadata below.
  it.each(['terra-workspace-manager', 'adyen-android'])(
    'takes the Gradle build %s as a repository',
    async (project) => {
      const roots = await discoverRepositories([CORPUS_DIR]);

      expect(roots).toContain(path.join(CORPUS_DIR, project));
    },
  );

  it('takes a folder holding only a gradle.lockfile as a repository', async () => {
    write('gradle-only/app/gradle.lockfile', 'empty=\n');

    const roots = await discoverRepositories([path.join(org, 'gradle-only')]);

    expect(roots).toEqual([path.join(org, 'gradle-only/app')]);
  });

  it('refuses a path that is not a folder', async () => {
    const missing = path.join(org, 'missing');

    await expect(discoverRepositories([missing])).rejects.toMatchObject({
      code: 'ERR_PATH_NOT_FOUND',
    });
  });
});

describe('listRepositoryFiles', () => {
  it('skips output, vendored code, nested checkouts and links leaving the repository', async () => {
    const listing = await listRepositoryFiles(path.join(org, 'alpha'));

    expect(listing.files).toEqual([
      'link-in.json',
      'package-lock.json',
      'package.json',
      'services/api/pom.xml',
      'vendor/own-code.json',
    ]);
    expect(listing.nestedRepositories).toEqual(['nested']);
    expect(listing.errors).toEqual([]);
    // The link to a folder is not a file of interest and goes unmentioned.
    expect(listing.warnings).toEqual([
      expect.objectContaining({
        file: 'link-out.json',
        code: 'ERR_LINK_OUTSIDE_REPOSITORY',
      }),
    ]);
  });

  it('skips vendor/ beside a go.mod', async () => {
    const listing = await listRepositoryFiles(path.join(org, 'beta'));

    expect(listing.files).toEqual(['go.mod']);
  });

  it('lists every file with a filter that keeps all', async () => {
    const listing = await listRepositoryFiles(path.join(org, 'alpha'), {
      filter: () => true,
    });

    expect(listing.files).toContain('src/index.ts');
  });

  it('refuses more entries than the limit', async () => {
    const alpha = path.join(org, 'alpha');

    const listing = listRepositoryFiles(alpha, { maxEntries: 5 });

    await expect(listing).rejects.toMatchObject({ code: 'ERR_TOO_MANY_FILES' });
  });

  it('refuses more files than the limit', async () => {
    const alpha = path.join(org, 'alpha');

    const listing = listRepositoryFiles(alpha, { maxFiles: 2 });

    await expect(listing).rejects.toMatchObject({ code: 'ERR_TOO_MANY_FILES' });
  });
});
