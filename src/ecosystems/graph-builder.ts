import type {
  DependencyGraph,
  EcosystemName,
  GraphPackage,
  GraphRoot,
  Scope,
  SourceKind,
} from '../core/model.js';
import { buildPurl, normalizePackageName } from '../core/purl.js';

/** What a parser knows about one package entry before identity is built. */
export interface PackageEntry {
  name: string;
  version: string | null;
  declared?: string;
  source?: SourceKind;
  scope?: Scope;
  direct?: boolean;
  file: string;
  line?: number;
  skipReason?: string;
}

/**
 * Collects one graph: packages deduplicated by key (`name@version`, or
 * `name@declared` when unresolved), edges deduplicated by endpoints.
 * Scope and directness only ever widen: a package seen once as prod and
 * once as dev stays prod; seen once as direct stays direct.
 */
export class GraphBuilder {
  readonly graph: DependencyGraph = {
    roots: [],
    packages: [],
    edges: [],
    files: [],
    warnings: [],
  };
  private readonly byKey = new Map<string, GraphPackage>();
  private readonly edgeKeys = new Set<string>();
  private readonly fileSet = new Set<string>();

  constructor(readonly ecosystem: EcosystemName) {}

  addFile(file: string): void {
    if (this.fileSet.has(file)) return;
    this.fileSet.add(file);
    this.graph.files.push(file);
  }

  addRoot(root: Omit<GraphRoot, 'ecosystem'>): GraphRoot {
    const full = { ...root, ecosystem: this.ecosystem };
    this.graph.roots.push(full);
    return full;
  }

  /** Adds (or widens) a package and returns its key. */
  addPackage(entry: PackageEntry): string {
    const name = normalizePackageName(this.ecosystem, entry.name);
    const key = `${name}@${entry.version ?? entry.declared ?? ''}`;
    const existing = this.byKey.get(key);
    if (existing) {
      if (entry.direct) existing.direct = true;
      existing.scope = widerScope(existing.scope, entry.scope ?? 'prod');
      return key;
    }
    const pkg: GraphPackage = {
      key,
      ecosystem: this.ecosystem,
      name,
      version: entry.version,
      purl: buildPurl(this.ecosystem, name, entry.version),
      source: entry.source ?? 'registry',
      scope: entry.scope ?? 'prod',
      direct: entry.direct ?? false,
      file: entry.file,
    };
    if (entry.declared !== undefined) pkg.declared = entry.declared;
    if (entry.line !== undefined) pkg.line = entry.line;
    if (entry.skipReason !== undefined) pkg.skipReason = entry.skipReason;
    this.byKey.set(key, pkg);
    this.graph.packages.push(pkg);
    return key;
  }

  getPackage(key: string): GraphPackage | undefined {
    return this.byKey.get(key);
  }

  addEdge(from: string, to: string, scope?: Scope): void {
    const id = `${from}\u0000${to}`;
    if (this.edgeKeys.has(id)) return;
    this.edgeKeys.add(id);
    this.graph.edges.push(scope ? { from, to, scope } : { from, to });
  }

  warn(file: string, code: string, message: string, line?: number): void {
    this.graph.warnings.push(
      line === undefined
        ? { file, code, message }
        : { file, line, code, message },
    );
  }
}

const SCOPE_RANK: Record<Scope, number> = {
  prod: 0,
  runtime: 1,
  provided: 2,
  system: 3,
  peer: 4,
  optional: 5,
  test: 6,
  dev: 7,
};

/** The scope that keeps a package counted where it matters most. */
export function widerScope(a: Scope, b: Scope): Scope {
  return SCOPE_RANK[a] <= SCOPE_RANK[b] ? a : b;
}

/** The folder part of a repository-relative path ('' at the root). */
export function folderOf(file: string): string {
  const slash = file.lastIndexOf('/');
  return slash < 0 ? '' : file.slice(0, slash);
}

/** The last path segment. */
export function baseName(file: string): string {
  return file.slice(file.lastIndexOf('/') + 1);
}

/** `dir/name`, or `name` at the root. */
export function joinPath(dir: string, name: string): string {
  return dir ? `${dir}/${name}` : name;
}
