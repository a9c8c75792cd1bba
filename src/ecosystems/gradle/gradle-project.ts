import type { RepositoryFiles } from '../types.js';
import { baseName, folderOf, joinPath } from '../graph-builder.js';

const SETTINGS = ['settings.gradle', 'settings.gradle.kts'];
const BUILD = ['build.gradle', 'build.gradle.kts'];

/** The build script of a project folder, if the repository has one. */
export function buildScriptOf(
  repository: RepositoryFiles,
  folder: string,
): string | undefined {
  const paths = new Set(repository.paths);
  return BUILD.map((b) => joinPath(folder, b)).find((p) => paths.has(p));
}

/**
 * A project's Gradle name: `rootProject.name` (or the folder name) for
 * the folder holding settings.gradle, `:sub:project` for folders below.
 */
export async function projectName(
  repository: RepositoryFiles,
  folder: string,
): Promise<string> {
  const paths = new Set(repository.paths);
  for (
    let dir: string | undefined = folder;
    dir !== undefined;
    dir = parentOf(dir)
  ) {
    const settings = SETTINGS.map((s) => joinPath(dir as string, s)).find((p) =>
      paths.has(p),
    );
    if (!settings) continue;
    if (dir === folder) {
      const text = (await repository.readText(settings)) ?? '';
      const named = /rootProject\.name\s*=\s*['"]([^'"]+)['"]/.exec(text);
      return named?.[1] ?? (baseName(folder) || 'root');
    }
    const relative = dir ? folder.slice(dir.length + 1) : folder;
    return `:${relative.split('/').join(':')}`;
  }
  return baseName(folder) || 'root';
}

function parentOf(dir: string): string | undefined {
  return dir === '' ? undefined : folderOf(dir);
}
