import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DiskRepositoryFiles } from '../catalog/repository-files.js';

/** The project's root folder. */
export const PROJECT_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../..',
);

/** `../shared` beside the project: test and benchmark data, read-only in CI. */
export const SHARED_DIR = path.resolve(PROJECT_DIR, '../shared');
export const CORPUS_DIR = path.join(SHARED_DIR, 'corpus');

/** Every file below `dir`, repository-relative with forward slashes. */
export function listFiles(dir: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(path.join(dir, prefix))) {
    const relative = prefix ? `${prefix}/${entry}` : entry;
    if (statSync(path.join(dir, relative)).isDirectory()) {
      if (entry !== 'node_modules' && entry !== '.git') {
        out.push(...listFiles(dir, relative));
      }
    } else {
      out.push(relative);
    }
  }
  return out;
}

/** A folder of the corpus (or any folder) as the files of one repository. */
export function repositoryAt(dir: string): DiskRepositoryFiles {
  return new DiskRepositoryFiles({ root: dir, paths: listFiles(dir) });
}
