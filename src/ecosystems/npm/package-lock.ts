import picomatch from 'picomatch';
import { InputError } from '../../core/errors.js';
import {
  emptyGraph,
  type DependencyGraph,
  type ExtractionWarning,
} from '../../core/model.js';
import { moduleLogger } from '../../core/log.js';
import { checkLockfileShape } from '../lockfile-shape.js';
import type {
  ExtractionRequest,
  Extractor,
  RepositoryFiles,
} from '../types.js';
import {
  dirOf,
  findWorkspaceManifests,
  readPackageManifest,
  type PackageManifest,
} from './manifest.js';
import { buildLockGraph, joinPath } from './package-lock-graph.js';
import { packageEntryLines } from './package-lock-lines.js';
import type { LockTree } from './package-lock-tree.js';
import {
  inferRootDependencies,
  readDependenciesTree,
} from './package-lock-v1.js';
import { readPackagesTree } from './package-lock-v2.js';
import { appendAll } from '../../core/arrays.js';

const log = moduleLogger('ecosystems.npm.package-lock');
const LOCKFILE_NAMES = ['package-lock.json', 'npm-shrinkwrap.json'];
const SUPPORTED_VERSIONS = [1, 2, 3];

/** Reads package-lock.json and npm-shrinkwrap.json, versions 1 to 3. */
export const packageLockExtractor: Extractor = {
  id: 'npm-package-lock',
  ecosystem: 'npm',
  kind: 'lockfile',
  matches: isPackageLock,
  // Not `refusingEmpty`: an empty file fails JSON.parse, and one beside
  // npm-shrinkwrap.json is ignored first, as npm does.
  extract: extractPackageLock,
};

export function isPackageLock(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return (
    LOCKFILE_NAMES.includes(name) &&
    !path.startsWith('node_modules/') &&
    !path.includes('/node_modules/')
  );
}

/** The lockfile's graph, with the root package.json and each workspace's. */
export async function extractPackageLock(
  request: ExtractionRequest,
): Promise<DependencyGraph> {
  const file = request.path;
  const dir = dirOf(file);
  const shrinkwrap = joinPath(dir, 'npm-shrinkwrap.json');
  if (file !== shrinkwrap && request.repository.paths.includes(shrinkwrap)) {
    return shadowedByShrinkwrap(file);
  }
  const lock = parseLockfile(request.text, file);
  const tree = readTree(lock, file);

  const warnings: ExtractionWarning[] = [];
  const read = (path: string) =>
    readManifestLeniently(request.repository, path, warnings);
  const manifests = new Map<string, PackageManifest>();
  const root = await read(joinPath(dir, 'package.json'));
  if (root) manifests.set('', root);
  const rootFolder = tree.folders.get('');
  if (rootFolder && !rootFolder.name && typeof lock.name === 'string') {
    rootFolder.name = lock.name;
  }
  if (rootFolder && !root && !usesPackagesMap(lock)) {
    rootFolder.dependencies = inferRootDependencies(tree);
  }
  const globs = rootFolder?.workspaces?.length
    ? rootFolder.workspaces
    : (root?.workspaces ?? []);
  const workspaces = findWorkspaces(request.repository, { dir, globs, tree });
  for (const location of workspaces) {
    const manifest = await read(joinPath(dir, `${location}/package.json`));
    if (manifest) manifests.set(location, manifest);
  }

  const lines = usesPackagesMap(lock)
    ? packageEntryLines(request.text)
    : undefined;
  const graph = buildLockGraph({
    tree,
    file,
    dir,
    manifests,
    workspaces,
    lines,
  });
  graph.warnings.unshift(...warnings);
  // A broken package.json is still covered: its lockfile speaks for it.
  appendAll(
    graph.files,
    warnings.map((w) => w.file),
  );
  log.debug({ file, packages: graph.packages.length }, 'package-lock read');
  return graph;
}

/**
 * A package.json beside the lockfile, or undefined when absent or broken:
 * a broken one is a warning, and the lockfile's own record stands in.
 */
async function readManifestLeniently(
  repository: RepositoryFiles,
  path: string,
  warnings: ExtractionWarning[],
): Promise<PackageManifest | undefined> {
  try {
    return await readPackageManifest(repository, path);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    warnings.push({
      file: path,
      code: error.code,
      message: `${error.message}; the lockfile's own record is used instead`,
    });
    return undefined;
  }
}

/** npm reads npm-shrinkwrap.json and ignores a package-lock.json beside it. */
function shadowedByShrinkwrap(file: string): DependencyGraph {
  const graph = emptyGraph();
  graph.files.push(file);
  graph.warnings.push({
    file,
    code: 'ERR_LOCKFILE_SHADOWED',
    message:
      'package-lock.json is ignored because npm-shrinkwrap.json beside it ' +
      'takes precedence, as in npm; delete one of the two',
  });
  return graph;
}

/**
 * Parses the JSON; ERR_LOCKFILE_SYNTAX with the line when JSON.parse tells
 * one, when `packages` or `dependencies` is not an object, or when it has
 * none of `lockfileVersion`, `packages` and `dependencies` (`{}`), which
 * npm writes even for a project without dependencies.
 */
export function parseLockfile(
  text: string,
  file: string,
): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InputError(
      'ERR_LOCKFILE_SYNTAX',
      `${baseName(file)} is not valid JSON (${(error as Error).message}); ` +
        'restore it from version control or regenerate it with npm install',
      { file, line: errorLine(error as Error, text), cause: error },
    );
  }
  return checkLockfileShape(value, {
    file,
    fields: { packages: 'object', dependencies: 'object' },
    requireAny: ['lockfileVersion', 'packages', 'dependencies'],
    fix: 'restore it from version control or regenerate it with npm install',
  });
}

function readTree(lock: Record<string, unknown>, file: string): LockTree {
  const version = lock.lockfileVersion;
  if (
    version !== undefined &&
    !SUPPORTED_VERSIONS.includes(version as number)
  ) {
    throw new InputError(
      'ERR_LOCKFILE_VERSION',
      `${baseName(file)} has lockfileVersion ${JSON.stringify(version)}; ` +
        'supported: 1, 2, 3; regenerate it with npm 7 or later',
      { file },
    );
  }
  if (usesPackagesMap(lock)) {
    return readPackagesTree(lock.packages as Record<string, never>);
  }
  return readDependenciesTree(lock.dependencies);
}

// v2 carries both forms; its flat `packages` map is the complete one.
function usesPackagesMap(lock: Record<string, unknown>): boolean {
  return (
    lock.lockfileVersion !== 1 &&
    !!lock.packages &&
    typeof lock.packages === 'object'
  );
}

interface WorkspaceSearch {
  dir: string;
  globs: readonly string[];
  tree: LockTree;
}

/** Workspace folders: lockfile folder entries and package.json files the globs match. */
function findWorkspaces(
  repository: RepositoryFiles,
  search: WorkspaceSearch,
): Set<string> {
  const found = new Set<string>();
  const include = search.globs.filter((g) => !g.startsWith('!'));
  if (include.length === 0) return found;
  const isIncluded = picomatch(include.map((g) => g.replace(/\/+$/, '')));
  for (const location of search.tree.folders.keys()) {
    if (location && !location.startsWith('../') && isIncluded(location)) {
      found.add(location);
    }
  }
  const prefix = search.dir ? search.dir.length + 1 : 0;
  for (const path of findWorkspaceManifests(
    repository,
    search.dir,
    search.globs,
  )) {
    found.add(dirOf(path.slice(prefix)));
  }
  return found;
}

function errorLine(error: Error, text: string): number | undefined {
  const explicit = /\(line (\d+) column \d+\)/.exec(error.message);
  if (explicit) return Number(explicit[1]);
  const position = /at position (\d+)/.exec(error.message);
  if (position) return lineAt(text, Number(position[1]));
  if (/end of JSON input/.test(error.message)) return lineAt(text, text.length);
  return undefined;
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (
    let i = text.indexOf('\n');
    i >= 0 && i < offset;
    i = text.indexOf('\n', i + 1)
  ) {
    line += 1;
  }
  return line;
}

function baseName(file: string): string {
  return file.slice(file.lastIndexOf('/') + 1);
}
