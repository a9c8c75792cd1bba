import type { Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { InputError } from '../core/errors.js';
import { moduleLogger } from '../core/log.js';
import { isFileOfInterest, isSkippedFolder } from './file-kinds.js';

const log = moduleLogger('catalog.walk');

/** A repository holding more files of interest than this is refused. */
export const DEFAULT_MAX_FILES = 200_000;

/** Entries of any kind visited, at most, before the walk gives up. */
export const DEFAULT_MAX_ENTRIES = 5_000_000;

const CONCURRENT_FOLDERS = 16;

/** A folder the walk could not read; the rest of the listing still counts. */
export interface ListingError {
  /** Repository-relative path of the folder. */
  file: string;
  code: 'ERR_UNREADABLE_DIRECTORY';
  message: string;
}

export interface RepositoryListing {
  /** Repository-relative paths, forward slashes, sorted. */
  files: string[];
  /** Repository-relative folders that are git checkouts of their own. */
  nestedRepositories: string[];
  errors: ListingError[];
  /** Files of interest left out on purpose (a link leaving the repository). */
  warnings: ListingWarning[];
}

/** A file of interest the walk refused to read; the scan goes on without it. */
export interface ListingWarning {
  /** Repository-relative path of the link. */
  file: string;
  code: 'ERR_LINK_OUTSIDE_REPOSITORY';
  message: string;
}

export interface ListRepositoryFilesOptions {
  /** Which files to keep; default {@link isFileOfInterest}. */
  filter?: (relativePath: string) => boolean;
  /** Default {@link DEFAULT_MAX_FILES}. */
  maxFiles?: number;
  /** Default {@link DEFAULT_MAX_ENTRIES}. */
  maxEntries?: number;
}

interface WalkState {
  root: string;
  realRoot: string;
  filter: (relativePath: string) => boolean;
  maxFiles: number;
  maxEntries: number;
  entries: number;
  listing: RepositoryListing;
}

/**
 * Lists a repository's files. Output folders (node_modules, dist, target,
 * vendored code, ...) and nested git checkouts are left out; symbolic links
 * to folders are never followed (no loops, no escape), and a link to a file
 * is kept only when its target lies inside the repository. Throws
 * InputError ERR_TOO_MANY_FILES past `maxFiles` kept files or `maxEntries`
 * entries seen. Unreadable folders are reported in `errors`, not thrown.
 */
export async function listRepositoryFiles(
  root: string,
  options: ListRepositoryFilesOptions = {},
): Promise<RepositoryListing> {
  const absolute = path.resolve(root);
  const state: WalkState = {
    root: absolute,
    realRoot: await realpath(absolute).catch(() => absolute),
    filter: options.filter ?? isFileOfInterest,
    maxFiles: options.maxFiles ?? DEFAULT_MAX_FILES,
    maxEntries: options.maxEntries ?? DEFAULT_MAX_ENTRIES,
    entries: 0,
    listing: { files: [], nestedRepositories: [], errors: [], warnings: [] },
  };

  // A few folders at a time: faster on slow disks, still bounded.
  let pending = [''];
  while (pending.length > 0) {
    const batch = pending.splice(0, CONCURRENT_FOLDERS);
    const found = await Promise.all(batch.map((f) => walkFolder(state, f)));
    pending = [...found.flat(), ...pending];
  }

  const { listing } = state;
  listing.files.sort();
  listing.nestedRepositories.sort();
  listing.errors.sort((a, b) => (a.file < b.file ? -1 : 1));
  return listing;
}

/** Reads one folder; returns the subfolders still to walk. */
async function walkFolder(state: WalkState, folder: string): Promise<string[]> {
  const entries = await readFolder(state, folder);
  if (!entries) return [];
  state.entries += entries.length;
  if (state.entries > state.maxEntries) {
    throw tooMany(state, `${state.maxEntries} entries`);
  }
  const names = new Set(entries.map((e) => e.name));
  if (folder !== '' && names.has('.git')) {
    state.listing.nestedRepositories.push(folder);
    return [];
  }

  const subfolders: string[] = [];
  for (const entry of entries) {
    const relative = folder ? `${folder}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      if (!isSkippedFolder(entry.name, relative, names))
        subfolders.push(relative);
    } else if (entry.isFile()) {
      keepFile(state, relative);
    } else if (entry.isSymbolicLink() && state.filter(relative)) {
      const link = await followLink(state, relative);
      if (link === 'inside') keepFile(state, relative);
      else if (link === 'outside') refuseLink(state, relative);
    }
  }
  return subfolders;
}

async function readFolder(
  state: WalkState,
  folder: string,
): Promise<Dirent[] | undefined> {
  try {
    return await readdir(path.join(state.root, folder), {
      withFileTypes: true,
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown';
    log.warn({ folder, code }, 'folder unreadable; listing the rest');
    state.listing.errors.push({
      file: folder,
      code: 'ERR_UNREADABLE_DIRECTORY',
      message:
        `cannot read folder '${folder || '.'}' (${code}); its files are ` +
        'left out of the scan; give the scanning user read access to it',
    });
    return undefined;
  }
}

function keepFile(state: WalkState, relative: string): void {
  if (!state.filter(relative)) return;
  const { files } = state.listing;
  files.push(relative);
  if (files.length > state.maxFiles) {
    throw tooMany(state, `${state.maxFiles} files of interest`);
  }
}

function tooMany(state: WalkState, what: string): InputError {
  return new InputError(
    'ERR_TOO_MANY_FILES',
    `repository ${state.root} holds more than ${what}; expected fewer; ` +
      'point the scan at its subfolders or raise the limit',
    { file: state.root },
  );
}

/**
 * Where a link to a file of interest leads. Only a file inside the repository
 * is read: a lockfile linked from elsewhere could be anyone's (or a device).
 * A dangling link, or one to a folder, is ignored like any other non-file.
 */
async function followLink(
  state: WalkState,
  relative: string,
): Promise<'inside' | 'outside' | 'not-a-file'> {
  try {
    const target = await realpath(path.join(state.root, relative));
    if (!(await stat(target)).isFile()) return 'not-a-file';
    return target.startsWith(state.realRoot + path.sep) ? 'inside' : 'outside';
  } catch {
    return 'not-a-file';
  }
}

function refuseLink(state: WalkState, relative: string): void {
  log.warn({ file: relative }, 'link leaves the repository; not read');
  state.listing.warnings.push({
    file: relative,
    code: 'ERR_LINK_OUTSIDE_REPOSITORY',
    message:
      `'${relative}' is a symbolic link to a file outside the repository; ` +
      'it is not read, so what it lists is missing from the scan; commit ' +
      'the file itself, or scan the folder it points to',
  });
}
