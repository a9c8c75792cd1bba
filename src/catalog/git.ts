import { readFile } from 'node:fs/promises';
import path from 'node:path';

const SHA = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;
const MAX_PACKED_REFS_BYTES = 64 * 1024 * 1024;

async function readSmall(file: string): Promise<string | undefined> {
  return readFile(file, 'utf8').then(
    (text) => (text.length > MAX_PACKED_REFS_BYTES ? undefined : text),
    () => undefined,
  );
}

/**
 * The git folder of a checkout: `.git` itself, or the folder a `.git` file
 * points at (`gitdir: ...`, as worktrees and submodules write it).
 */
export async function findGitDirectory(
  root: string,
): Promise<string | undefined> {
  const dotGit = path.join(root, '.git');
  const text = await readSmall(dotGit);
  if (text === undefined) {
    const head = await readSmall(path.join(dotGit, 'HEAD'));
    return head === undefined ? undefined : dotGit;
  }
  const match = /^gitdir:\s*(.+?)\s*$/m.exec(text);
  return match?.[1] ? path.resolve(root, match[1]) : undefined;
}

/** Where refs live: a worktree's `commondir`, else the git folder itself. */
async function commonDirectory(gitDir: string): Promise<string> {
  const common = await readSmall(path.join(gitDir, 'commondir'));
  return common ? path.resolve(gitDir, common.trim()) : gitDir;
}

async function resolveRef(
  gitDir: string,
  ref: string,
): Promise<string | undefined> {
  if (ref.split('/').includes('..')) return undefined;
  for (const dir of [gitDir, await commonDirectory(gitDir)]) {
    const loose = (await readSmall(path.join(dir, ...ref.split('/'))))?.trim();
    if (loose && SHA.test(loose)) return loose;
  }
  const packed = await readSmall(
    path.join(await commonDirectory(gitDir), 'packed-refs'),
  );
  for (const line of packed?.split('\n') ?? []) {
    const [sha, name] = line.trim().split(' ');
    if (name === ref && sha && SHA.test(sha)) return sha;
  }
  return undefined;
}

/**
 * The commit a checkout's HEAD points at, read from the files under `.git`
 * (no git binary needed): detached HEAD, loose refs, packed-refs and
 * worktree `.git` files. Undefined for plain folders, an unborn branch or
 * an unreadable repository.
 */
export async function readGitCommit(root: string): Promise<string | undefined> {
  const gitDir = await findGitDirectory(root);
  if (!gitDir) return undefined;
  const head = (await readSmall(path.join(gitDir, 'HEAD')))?.trim();
  if (!head) return undefined;
  if (SHA.test(head)) return head;

  const ref = /^ref:\s*(\S+)$/.exec(head)?.[1];
  return ref ? resolveRef(gitDir, ref) : undefined;
}
