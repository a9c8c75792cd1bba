/**
 * The dependency model shared by every ecosystem, the store and the queries.
 * Plain data only: no I/O here.
 */

/** Ecosystems named as OSV names them. */
export const ECOSYSTEMS = [
  'npm',
  'Maven',
  'PyPI',
  'Go',
  'crates.io',
  'RubyGems',
  'NuGet',
  'Packagist',
] as const;
export type EcosystemName = (typeof ECOSYSTEMS)[number];

/** How a package is used by the code that depends on it. */
export type Scope =
  | 'prod'
  | 'dev'
  | 'optional'
  | 'peer'
  | 'test'
  | 'provided'
  | 'runtime'
  | 'system';

/** Where a package's code comes from. */
export type SourceKind =
  | 'registry'
  | 'git'
  | 'file'
  | 'link'
  | 'tarball'
  | 'alias'
  | 'workspace'
  | 'url';

/**
 * One package version in a dependency graph.
 *
 * `key` is unique within the graph it belongs to (for npm lockfiles it is the
 * install path, elsewhere usually `name@version`); edges refer to it.
 */
export interface GraphPackage {
  key: string;
  ecosystem: EcosystemName;
  /** Name after the ecosystem's normalisation (PEP 503, `group:artifact`, ...). */
  name: string;
  /** Resolved version; null when only a range was declared (no lockfile). */
  version: string | null;
  /** The range or spec as declared, when known (always set when unresolved). */
  declared?: string;
  /** Canonical package URL, built with packageurl-js (see core/purl.ts). */
  purl: string;
  source: SourceKind;
  scope: Scope;
  /** Depended on by a root (the project's own manifest) rather than by a package. */
  direct: boolean;
  /** Repository-relative path of the file this entry came from, and its line. */
  file: string;
  line?: number;
  /** Why this entry is incomplete, e.g. `'git-dependency'`, `'unresolved'`. */
  skipReason?: string;
  /** Shipped inside its parent's tarball (npm bundleDependencies), not fetched. */
  bundled?: boolean;
}

/**
 * A project's own manifest inside the repository: a workspace, a module of a
 * reactor, the root package. Edges start from roots.
 */
export interface GraphRoot {
  key: string;
  /** The project's own name (package.json name, artifactId, ...), or its folder. */
  name: string;
  /** Repository-relative folder of the manifest ('' for the repository root). */
  path: string;
  ecosystem: EcosystemName;
  /** Repository-relative path of the manifest or lockfile that declared it. */
  file: string;
}

/** A parent → child dependency. `from` is a root key or a package key. */
export interface GraphEdge {
  from: string;
  to: string;
  scope?: Scope;
}

/** A non-fatal problem found while reading a file; the rest still counts. */
export interface ExtractionWarning {
  file: string;
  line?: number;
  code: string;
  message: string;
}

/** What one extractor found in one lockfile or manifest (with its siblings). */
export interface DependencyGraph {
  roots: GraphRoot[];
  packages: GraphPackage[];
  edges: GraphEdge[];
  /** Repository-relative paths of every file this graph consumed. */
  files: string[];
  warnings: ExtractionWarning[];
}

export function emptyGraph(): DependencyGraph {
  return { roots: [], packages: [], edges: [], files: [], warnings: [] };
}
