import type { DependencyGraph } from '../../core/model.js';
import type { ExtractionRequest, RepositoryFiles } from '../types.js';
import {
  baseName,
  folderOf,
  GraphBuilder,
  joinPath,
} from '../graph-builder.js';
import { parseBuildScript, type BuildScript } from './build-gradle-parse.js';
import { scopeOfConfiguration } from './configurations.js';
import { buildScriptOf, projectName } from './gradle-project.js';
import { parseVersionCatalog, type VersionCatalog } from './version-catalog.js';

/** True for `build.gradle` and `build.gradle.kts`. */
export function isBuildScript(path: string): boolean {
  const name = baseName(path);
  return name === 'build.gradle' || name === 'build.gradle.kts';
}

interface ReadScript {
  script: BuildScript;
  /** Files read besides the script: the catalog, gradle.properties. */
  consumed: string[];
}

/** Parses a build script with the catalog and properties around it. */
export async function readBuildScript(
  repository: RepositoryFiles,
  file: string,
  text: string,
): Promise<ReadScript> {
  const consumed: string[] = [];
  const catalog = await findCatalog(repository, folderOf(file));
  const properties = new Map<string, string>();
  for (const dir of new Set(['', folderOf(file)])) {
    const propertiesFile = joinPath(dir, 'gradle.properties');
    const body = await repository.readText(propertiesFile);
    if (body === undefined) continue;
    consumed.push(propertiesFile);
    for (const line of body.split('\n')) {
      const match = /^\s*([A-Za-z0-9_.-]+)\s*[=:]\s*(.*?)\s*$/.exec(line);
      if (match) properties.set(match[1] as string, match[2] as string);
    }
  }
  const script = parseBuildScript(text, { catalog, properties });
  if (catalog && script.usedCatalog) consumed.push(catalog.file);
  return { script, consumed };
}

/** The nearest `gradle/libs.versions.toml` at or above `folder`. */
async function findCatalog(
  repository: RepositoryFiles,
  folder: string,
): Promise<VersionCatalog | undefined> {
  const paths = new Set(repository.paths);
  for (let dir = folder; ; dir = folderOf(dir)) {
    const file = joinPath(dir, 'gradle/libs.versions.toml');
    if (paths.has(file)) {
      const text = await repository.readText(file);
      return text === undefined ? undefined : parseVersionCatalog(text, file);
    }
    if (dir === '') return undefined;
  }
}

/**
 * The `group:artifact` names a project's build script declares, used by
 * the lockfile readers to tell direct dependencies; undefined when the
 * folder has no build script.
 */
export async function readDeclaredModules(
  repository: RepositoryFiles,
  folder: string,
): Promise<{ file: string; modules: Set<string> } | undefined> {
  const file = buildScriptOf(repository, folder);
  const text = file ? await repository.readText(file) : undefined;
  if (!file || text === undefined) return undefined;
  const { script } = await readBuildScript(repository, file, text);
  const modules = new Set(
    script.declarations.map((d) => `${d.group}:${d.artifact}`),
  );
  return { file, modules };
}

/**
 * Reads the dependencies a build script declares, for projects with no
 * lockfile, verification metadata or saved dependency output: exact
 * versions as written, everything else unresolved.
 */
export async function extractBuildScript(
  request: ExtractionRequest,
): Promise<DependencyGraph> {
  const { path: file, text, repository } = request;
  const builder = new GraphBuilder('Maven');
  builder.addFile(file);
  const { script, consumed } = await readBuildScript(repository, file, text);
  consumed.forEach((f) => builder.addFile(f));
  const folder = folderOf(file);
  const root = builder.addRoot({
    key: `root:${folder}`,
    name: await projectName(repository, folder),
    path: folder,
    file,
  });

  for (const problem of script.problems) {
    builder.warn(
      file,
      'GRADLE_CATALOG_ENTRY_MISSING',
      `${problem.message}; the dependency is skipped`,
      problem.line,
    );
  }
  for (const d of script.declarations) {
    const scope = scopeOfConfiguration(d.configuration);
    const key = builder.addPackage({
      name: `${d.group}:${d.artifact}`,
      version: d.version,
      declared: d.declared ?? (d.version === null ? '*' : undefined),
      scope,
      direct: true,
      file,
      line: d.line,
      skipReason: d.version === null ? 'unresolved' : undefined,
    });
    builder.addEdge(root.key, key, scope);
  }
  return builder.graph;
}
