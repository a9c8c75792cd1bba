import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { InputError } from '../core/errors.js';
import type { RepositoryFiles } from '../ecosystems/types.js';

/** Lockfiles past this size are refused rather than parsed (64 MiB). */
export const DEFAULT_MAX_FILE_BYTES = 64 * 1024 * 1024;

export interface DiskRepositoryFilesOptions {
  /** Absolute path of the repository's root folder. */
  root: string;
  /** Repository-relative paths (forward slashes) that discovery kept. */
  paths: readonly string[];
  maxFileBytes?: number;
}

function isInside(root: string, absolute: string): boolean {
  const relative = path.relative(root, absolute);
  return (
    relative === '' ||
    (!relative.startsWith('..') && !path.isAbsolute(relative))
  );
}

/** Repository files read from disk, with the size limit enforced on every read. */
export class DiskRepositoryFiles implements RepositoryFiles {
  readonly paths: readonly string[];
  private readonly root: string;
  private readonly maxFileBytes: number;
  private realRoot?: Promise<string>;

  constructor(options: DiskRepositoryFilesOptions) {
    this.root = path.resolve(options.root);
    this.paths = [...options.paths].sort();
    this.maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  }

  /**
   * Where a repository-relative path leads: a regular file inside the
   * repository, `outside` when it leaves it by `..` or through a symbolic
   * link, or `missing` (absent, a folder, a device).
   */
  async locate(
    relativePath: string,
  ): Promise<
    | { kind: 'file'; real: string; size: number }
    | { kind: 'outside' | 'missing' }
  > {
    const absolute = path.join(this.root, ...relativePath.split('/'));
    if (!isInside(this.root, absolute)) return { kind: 'outside' };
    const real = await realpath(absolute).catch(() => undefined);
    if (!real) return { kind: 'missing' };
    this.realRoot ??= realpath(this.root).catch(() => this.root);
    if (!isInside(await this.realRoot, real)) return { kind: 'outside' };
    const info = await stat(real).catch(() => undefined);
    if (!info?.isFile()) return { kind: 'missing' };
    return { kind: 'file', real, size: info.size };
  }

  /**
   * Reads a file of the repository. A path that leaves the repository, by
   * `..` or through a symbolic link, reads as missing: extractors follow
   * paths written in hostile manifests (`-r ../x.txt`, `file:../lib`).
   * One leading byte order mark is dropped, for every format at once.
   */
  async readText(relativePath: string): Promise<string | undefined> {
    const found = await this.locate(relativePath);
    if (found.kind !== 'file') return undefined;
    if (found.size > this.maxFileBytes) {
      throw new InputError(
        'ERR_FILE_TOO_LARGE',
        `file is ${found.size} bytes, over the limit of ${this.maxFileBytes}; ` +
          'raise scan.maxFileBytes in quartermaster.yaml if it is genuine',
        { file: relativePath },
      );
    }
    return stripByteOrderMark(await readFile(found.real, 'utf8'));
  }
}

// Windows tools often start UTF-8 files with a BOM, which JSON.parse refuses.
function stripByteOrderMark(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
