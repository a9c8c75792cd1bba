import picomatch from 'picomatch';
import { InputError } from '../../core/errors.js';
import type { RepositoryFiles } from '../types.js';

/** The parts of a package.json that dependency extraction reads. */
export interface PackageManifest {
  /** Repository-relative path of the package.json. */
  file: string;
  /** Repository-relative folder ('' at the root). */
  dir: string;
  name?: string;
  version?: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  optionalDependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
  /** Workspace globs (npm and yarn `workspaces`, array or `{ packages }`). */
  workspaces: string[];
  /** Names npm `overrides` pins at the top level (their versions may leave the declared range). */
  overrides?: string[];
}

function stringOrObjectRecord(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function stringRecord(value: unknown): Record<string, string> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
  const out: Record<string, string> = {};
  for (const [key, spec] of Object.entries(value)) {
    if (typeof spec === 'string') out[key] = spec;
  }
  return out;
}

/** Workspace globs from a `workspaces` value (array or `{ packages }`). */
export function workspaceGlobs(value: unknown): string[] {
  const list = Array.isArray(value)
    ? value
    : (value as { packages?: unknown } | undefined)?.packages;
  return Array.isArray(list)
    ? list.filter((g): g is string => typeof g === 'string')
    : [];
}

export function dirOf(file: string): string {
  const slash = file.lastIndexOf('/');
  return slash < 0 ? '' : file.slice(0, slash);
}

/** Parses package.json text. Throws InputError ERR_MANIFEST_SYNTAX. */
export function parsePackageManifest(
  text: string,
  file: string,
): PackageManifest {
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch (error) {
    throw new InputError(
      'ERR_MANIFEST_SYNTAX',
      `package.json is not valid JSON (${(error as Error).message}); fix it`,
      { file, cause: error },
    );
  }
  return {
    file,
    dir: dirOf(file),
    name: typeof json.name === 'string' ? json.name : undefined,
    version: typeof json.version === 'string' ? json.version : undefined,
    dependencies: stringRecord(json.dependencies),
    devDependencies: stringRecord(json.devDependencies),
    optionalDependencies: stringRecord(json.optionalDependencies),
    peerDependencies: stringRecord(json.peerDependencies),
    workspaces: workspaceGlobs(json.workspaces),
    overrides: Object.keys(stringOrObjectRecord(json.overrides)),
  };
}

/** Reads and parses a package.json of the repository, or undefined if absent. */
export async function readPackageManifest(
  repository: RepositoryFiles,
  file: string,
): Promise<PackageManifest | undefined> {
  const text = await repository.readText(file);
  return text === undefined ? undefined : parsePackageManifest(text, file);
}

/**
 * The package.json files of the workspaces that `globs` name, relative to
 * `dir` (the folder of the root manifest), found among the repository's files.
 */
export function findWorkspaceManifests(
  repository: RepositoryFiles,
  dir: string,
  globs: readonly string[],
): string[] {
  if (globs.length === 0) return [];
  const prefix = dir ? `${dir}/` : '';
  const include = globs.filter((g) => !g.startsWith('!'));
  const exclude = globs.filter((g) => g.startsWith('!')).map((g) => g.slice(1));
  const isIncluded = picomatch(include.map((g) => g.replace(/\/+$/, '')));
  const isExcluded = exclude.length ? picomatch(exclude) : () => false;

  return repository.paths.filter((path) => {
    if (!path.startsWith(prefix) || !path.endsWith('/package.json')) {
      return false;
    }
    const folder = dirOf(path.slice(prefix.length));
    return folder !== '' && isIncluded(folder) && !isExcluded(folder);
  });
}
