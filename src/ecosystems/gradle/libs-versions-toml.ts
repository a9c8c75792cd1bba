import type { DependencyGraph } from '../../core/model.js';
import type { ExtractionRequest } from '../types.js';
import { baseName, folderOf, GraphBuilder } from '../graph-builder.js';
import { projectName } from './gradle-project.js';
import { parseVersionCatalog } from './version-catalog.js';

/** True for version catalogs in a `gradle/` folder (`libs.versions.toml`). */
export function isVersionCatalog(path: string): boolean {
  return (
    path.endsWith('.versions.toml') && baseName(folderOf(path)) === 'gradle'
  );
}

/**
 * Reads a version catalog no build script consumed: every library it
 * lists, as a direct prod dependency of the build (the catalog does not
 * say which projects or configurations use it).
 */
export async function extractVersionCatalog(
  request: ExtractionRequest,
): Promise<DependencyGraph> {
  const { path: file, text, repository } = request;
  const catalog = parseVersionCatalog(text, file);
  const builder = new GraphBuilder('Maven');
  builder.addFile(file);
  const folder = folderOf(folderOf(file));
  const root = builder.addRoot({
    key: `root:${folder}`,
    name: await projectName(repository, folder),
    path: folder,
    file,
  });

  for (const problem of catalog.problems) {
    builder.warn(
      file,
      'GRADLE_CATALOG_ENTRY_INVALID',
      `${problem.message}; it is skipped`,
      problem.line,
    );
  }
  for (const library of catalog.libraries.values()) {
    const key = builder.addPackage({
      name: `${library.group}:${library.artifact}`,
      version: library.version,
      declared:
        library.declared ?? (library.version === null ? '*' : undefined),
      direct: true,
      file,
      line: library.line,
      skipReason: library.version === null ? 'unresolved' : undefined,
    });
    builder.addEdge(root.key, key);
  }
  return builder.graph;
}
