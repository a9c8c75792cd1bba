import type { Dirent } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { InputError } from '../core/errors.js';
import { moduleLogger } from '../core/log.js';
import { isRepositoryMarker, isSkippedFolder } from './file-kinds.js';
import { listRepositoryFiles } from './walk.js';

const log = moduleLogger('catalog.discover');

/** How deep below a given path discovery looks for repositories. */
export const DEFAULT_DISCOVERY_DEPTH = 4;

export interface DiscoverOptions {
  /** Folder levels examined below each given path; default 4. */
  maxDepth?: number;
}

async function entriesOf(folder: string): Promise<Dirent[] | undefined> {
  try {
    return await readdir(folder, { withFileTypes: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    log.warn({ folder, code }, 'folder unreadable; not searched');
    return undefined;
  }
}

/** A git checkout (`.git` folder or file) or a folder with a manifest on top. */
function isRepository(entries: Dirent[]): boolean {
  return entries.some(
    (e) => e.name === '.git' || (e.isFile() && isRepositoryMarker(e.name)),
  );
}

async function search(
  folder: string,
  depth: number,
  found: Set<string>,
): Promise<void> {
  const entries = await entriesOf(folder);
  if (!entries) return;
  if (isRepository(entries)) {
    found.add(folder);
    await addNested(folder, found);
    return;
  }
  if (depth <= 0) return;

  const names = new Set(entries.map((e) => e.name));
  for (const entry of entries) {
    // Symbolic links are not followed: no loops, no leaving the tree.
    if (!entry.isDirectory() || isSkippedFolder(entry.name, entry.name, names))
      continue;
    await search(path.join(folder, entry.name), depth - 1, found);
  }
}

/** Git checkouts nested inside a repository are repositories of their own. */
async function addNested(root: string, found: Set<string>): Promise<void> {
  // Too large a repository is refused later, when it is listed for the scan.
  const listing = await listRepositoryFiles(root, {
    filter: () => false,
  }).catch((error: unknown) => {
    log.warn(
      { root, err: error },
      'repository too large; nested ones not searched',
    );
    return { nestedRepositories: [] as string[] };
  });
  for (const nested of listing.nestedRepositories) {
    const absolute = path.join(root, ...nested.split('/'));
    found.add(absolute);
    await addNested(absolute, found);
  }
}

/**
 * Finds the repositories under the given paths. A path that is a git
 * checkout, or holds a manifest, lockfile, SBOM or catalog-info.yaml at its
 * top, is one repository; otherwise its subfolders are examined the same
 * way, down to `maxDepth` levels. Git checkouts nested inside a repository
 * count separately. Returns absolute roots, sorted and without duplicates.
 * Throws InputError ERR_PATH_NOT_FOUND when a given path is not a folder.
 */
export async function discoverRepositories(
  paths: string[],
  options: DiscoverOptions = {},
): Promise<string[]> {
  const found = new Set<string>();
  for (const given of paths) {
    const absolute = path.resolve(given);
    const entries = await readdir(absolute).catch(() => undefined);
    if (!entries) {
      throw new InputError(
        'ERR_PATH_NOT_FOUND',
        `'${given}' is not a readable folder; expected a repository or a ` +
          'folder of repositories; check the path',
        { file: given },
      );
    }
    await search(absolute, options.maxDepth ?? DEFAULT_DISCOVERY_DEPTH, found);
  }
  return [...found].sort();
}
