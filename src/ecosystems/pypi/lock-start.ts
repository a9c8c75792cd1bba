import type { ExtractionRequest } from '../types.js';
import { folderOf, GraphBuilder } from '../graph-builder.js';
import { readPyproject } from './pyproject.js';
import { checkLockfileShape } from '../lockfile-shape.js';
import { parseTomlFile, type TomlTable } from '../toml.js';

/**
 * What every TOML lockfile reader beside a pyproject.toml starts from: the
 * parsed lockfile, a builder that already holds both files, the project's
 * declared dependencies, and the project as the root.
 */
export async function startPyprojectLock(request: ExtractionRequest) {
  const { path: file, text, repository } = request;
  const lock = parseTomlFile(text, file);
  const builder = new GraphBuilder('PyPI');
  builder.addFile(file);
  const manifest = await readPyproject(repository, folderOf(file));
  if (manifest.file) builder.addFile(manifest.file);
  const root = builder.addRoot({
    key: `root:${file}`,
    name: manifest.name,
    path: folderOf(file),
    file: manifest.file ?? file,
  });
  return { file, text, lock, builder, manifest, root };
}

/**
 * Refuses a lockfile whose `package` is not an array of tables
 * (`package = 5`, or a lone `[package]`), which read leniently would pass
 * as one without packages; `fix` names the tool's lock command.
 */
export function checkPackageTables(
  lock: TomlTable,
  file: string,
  fix: string,
): void {
  checkLockfileShape(lock, {
    file,
    fields: { package: 'array' },
    fix: `restore it from version control or ${fix}`,
    syntax: 'TOML',
  });
}
