import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readGitCommit } from './git.js';

let dir: string;
let repo: string;

function git(cwd: string, ...args: string[]): string {
  const env = {
    ...process.env,
    GIT_AUTHOR_NAME: 'Test',
    GIT_AUTHOR_EMAIL: 'test@example.com',
    GIT_COMMITTER_NAME: 'Test',
    GIT_COMMITTER_EMAIL: 'test@example.com',
  };
  return execFileSync('git', args, { cwd, encoding: 'utf8', env }).trim();
}

function commit(message: string): string {
  writeFileSync(path.join(repo, 'package.json'), JSON.stringify({ message }));
  git(repo, 'add', 'package.json');
  git(repo, 'commit', '-q', '-m', message);
  return git(repo, 'rev-parse', 'HEAD');
}

// Each expected commit comes from `git rev-parse`, not from our reader.
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'qm-git-'));
  repo = path.join(dir, 'repo');
  execFileSync('git', ['init', '-q', '-b', 'main', repo]);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('readGitCommit', () => {
  it('is undefined for a plain folder and for an unborn branch', async () => {
    const plain = await readGitCommit(dir);
    const unborn = await readGitCommit(repo);

    expect(plain).toBeUndefined();
    expect(unborn).toBeUndefined();
  });

  it('reads a loose branch ref', async () => {
    const expected = commit('first');

    expect(await readGitCommit(repo)).toBe(expected);
  });

  it('reads packed-refs', async () => {
    const expected = commit('second');
    git(repo, 'pack-refs', '--all');

    expect(await readGitCommit(repo)).toBe(expected);
  });

  it('reads a detached HEAD', async () => {
    const first = git(repo, 'rev-parse', 'HEAD~1');
    git(repo, 'checkout', '-q', '--detach', first);

    expect(await readGitCommit(repo)).toBe(first);
    git(repo, 'checkout', '-q', 'main');
  });

  it('reads a worktree, whose .git is a file', async () => {
    const worktree = path.join(dir, 'worktree');
    git(repo, 'worktree', 'add', '-q', '-b', 'side', worktree);
    const expected = git(worktree, 'rev-parse', 'HEAD');

    expect(await readGitCommit(worktree)).toBe(expected);
  });
});
