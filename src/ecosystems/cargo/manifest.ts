import picomatch from 'picomatch';
import type { Scope } from '../../core/model.js';
import type { RepositoryFiles } from '../types.js';
import { dirOf, joinPath, parseToml, stringOf, tableOf } from './toml.js';

/** One dependency declared in a Cargo.toml. */
export interface CargoDeclaredDependency {
  /** The crate's real name (`package = ...` when renamed). */
  name: string;
  /** The version requirement as written; '' when none. */
  requirement: string;
  /** dev-dependencies → dev; build and target-specific ones count as prod. */
  scope: Scope;
  optional: boolean;
  git?: string;
  /** Repository-relative folder of a path dependency. */
  path?: string;
}

/** The parts of a Cargo.toml that dependency extraction reads. */
export interface CargoManifest {
  file: string;
  dir: string;
  name?: string;
  version?: string;
  /** Workspace member globs, relative to the manifest's folder. */
  members: string[];
  exclude: string[];
  dependencies: CargoDeclaredDependency[];
}

const TABLES: readonly [string, Scope][] = [
  ['dependencies', 'prod'],
  ['dev-dependencies', 'dev'],
  // Build dependencies run on the build machine and shape the binary.
  ['build-dependencies', 'prod'],
];

function readTable(
  table: Record<string, unknown>,
  scope: Scope,
  dir: string,
): CargoDeclaredDependency[] {
  return Object.entries(table).map(([key, spec]) => {
    if (typeof spec === 'string') {
      return { name: key, requirement: spec, scope, optional: false };
    }
    const entry = tableOf(spec);
    const path = stringOf(entry.path);
    return {
      name: stringOf(entry.package) ?? key,
      requirement: stringOf(entry.version) ?? '',
      scope,
      optional: entry.optional === true,
      git: stringOf(entry.git),
      path: path === undefined ? undefined : joinPath(dir, path),
    };
  });
}

function readDependencies(
  toml: Record<string, unknown>,
  dir: string,
): CargoDeclaredDependency[] {
  const sections = [toml, ...Object.values(tableOf(toml.target))];
  const out: CargoDeclaredDependency[] = [];
  for (const section of sections) {
    for (const [key, scope] of TABLES) {
      out.push(...readTable(tableOf(tableOf(section)[key]), scope, dir));
    }
  }
  return out;
}

function stringList(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((v): v is string => typeof v === 'string')
    : [];
}

/** Parses Cargo.toml text. Throws InputError ERR_TOML_SYNTAX. */
export function parseCargoManifest(text: string, file: string): CargoManifest {
  const toml = parseToml(text, file);
  const pkg = tableOf(toml.package);
  const workspace = tableOf(toml.workspace);
  const dir = dirOf(file);
  return {
    file,
    dir,
    name: stringOf(pkg.name),
    version: stringOf(pkg.version),
    members: stringList(workspace.members),
    exclude: stringList(workspace.exclude),
    dependencies: readDependencies(toml, dir),
  };
}

/**
 * The workspace's manifests: the one given plus every member matched by its
 * `members` globs (read from the repository's files; missing ones skipped).
 */
export async function readWorkspace(
  repository: RepositoryFiles,
  root: CargoManifest,
): Promise<CargoManifest[]> {
  const prefix = root.dir ? `${root.dir}/` : '';
  const isMember = picomatch(root.members.map((m) => `${prefix}${m}`));
  const isExcluded = picomatch(root.exclude.map((m) => `${prefix}${m}`));
  const out = [root];
  for (const path of repository.paths) {
    if (!path.endsWith('/Cargo.toml') || path === root.file) continue;
    const dir = dirOf(path);
    if (!isMember(dir) || isExcluded(dir)) continue;
    const text = await repository.readText(path);
    if (text !== undefined) out.push(parseCargoManifest(text, path));
  }
  return out;
}
