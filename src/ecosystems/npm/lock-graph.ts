import type {
  DependencyGraph,
  ExtractionWarning,
  GraphEdge,
  GraphPackage,
  GraphRoot,
  Scope,
  SourceKind,
} from '../../core/model.js';

/** How a parent declares a child: the package.json section it sits in. */
export type DependencyKind = 'prod' | 'optional' | 'peer' | 'dev';

// Worse kinds rank higher; a path is as weak as its weakest edge and a
// package takes the strongest path that reaches it from a root.
const RANKS: readonly DependencyKind[] = ['prod', 'optional', 'peer', 'dev'];

/**
 * A dependency graph under construction by a lockfile reader. Packages and
 * edges are keyed so that entries met twice merge; `finishLockGraph` turns
 * it into a DependencyGraph with `direct` and `scope` computed from roots.
 */
export interface LockGraph {
  roots: GraphRoot[];
  packages: Map<string, GraphPackage>;
  /** from → to → kind (the strongest kind seen for that pair). */
  edges: Map<string, Map<string, DependencyKind>>;
  files: Set<string>;
  warnings: ExtractionWarning[];
}

export function createLockGraph(lockfile: string): LockGraph {
  return {
    roots: [],
    packages: new Map(),
    edges: new Map(),
    files: new Set([lockfile]),
    warnings: [],
  };
}

export function addLockEdge(
  graph: LockGraph,
  from: string,
  to: string,
  kind: DependencyKind,
): void {
  let children = graph.edges.get(from);
  if (!children) graph.edges.set(from, (children = new Map()));
  const seen = children.get(to);
  if (!seen || RANKS.indexOf(kind) < RANKS.indexOf(seen))
    children.set(to, kind);
}

/** Breadth-first from the roots through edges no weaker than `rank`. */
function reach(graph: LockGraph, rank: number, scopes: Map<string, Scope>) {
  const queue = graph.roots.map((root) => root.key);
  const seen = new Set(queue);
  for (let i = 0; i < queue.length; i++) {
    const children = graph.edges.get(queue[i]!);
    if (!children) continue;
    for (const [child, kind] of children) {
      if (RANKS.indexOf(kind) > rank) continue;
      // A workspace package is also a root: seen from the start, but its
      // scope is how the other roots depend on it.
      if (!scopes.has(child)) scopes.set(child, RANKS[rank]!);
      if (seen.has(child)) continue;
      seen.add(child);
      queue.push(child);
    }
  }
}

/**
 * The finished graph. A package's scope is the strongest kind over every
 * path from a root (prod beats optional beats peer beats dev); packages no
 * root reaches stay `prod`, the cautious choice for vulnerability triage.
 */
export function finishLockGraph(graph: LockGraph): DependencyGraph {
  const scopes = new Map<string, Scope>();
  for (let rank = 0; rank < RANKS.length; rank++) reach(graph, rank, scopes);

  const rootKeys = new Set(graph.roots.map((root) => root.key));
  const direct = new Set<string>();
  const edges: GraphEdge[] = [];
  for (const [from, children] of graph.edges) {
    for (const [to, scope] of children) {
      edges.push({ from, to, scope });
      if (rootKeys.has(from)) direct.add(to);
    }
  }

  // A workspace another workspace depends on is reached through its root
  // key; it is the organisation's own code, not a package to list twice.
  const packages = [...graph.packages.values()].filter(
    (pkg) => !rootKeys.has(pkg.key),
  );
  for (const pkg of packages) {
    pkg.scope = scopes.get(pkg.key) ?? 'prod';
    pkg.direct = direct.has(pkg.key);
  }
  return {
    roots: graph.roots,
    packages,
    edges,
    files: [...graph.files],
    warnings: graph.warnings,
  };
}

/** The key of the root (and workspace package) at a repository folder. */
export function rootKeyOf(dir: string): string {
  return `workspace:${dir || '.'}`;
}

// Not supported: the other helper's spec.ts may replace this once merged.
const GIT_SPEC =
  /^(?:git[+:]|github:|gitlab:|bitbucket:|gist:|[\w.-]+\/[\w.-]+(?:#|$))/;

/** Where a range or resolution from a lockfile or package.json points. */
export function sourceOfSpec(spec: string): SourceKind {
  if (spec.startsWith('workspace:')) return 'workspace';
  if (spec.startsWith('link:') || spec.startsWith('portal:')) return 'link';
  if (spec.startsWith('file:') || /^(?:\.{1,2}|~)?\//.test(spec)) return 'file';
  if (spec.startsWith('npm:'))
    return spec.includes('@', 5) ? 'alias' : 'registry';
  if (GIT_SPEC.test(spec) || /\.git(?:#|$)/.test(spec)) return 'git';
  if (/^https?:\/\//.test(spec)) return 'tarball';
  return 'registry';
}

/**
 * Splits `name@range` (the name may be scoped) and resolves an `npm:`
 * alias range to the real package: `x@npm:y@^1` gives `y` and `^1`.
 */
export function splitDescriptor(descriptor: string): {
  name: string;
  range: string;
  alias?: string;
} {
  const at = descriptor.indexOf('@', 1);
  const name = at < 0 ? descriptor : descriptor.slice(0, at);
  const range = at < 0 ? '' : descriptor.slice(at + 1);
  if (!range.startsWith('npm:')) return { name, range };
  const inner = range.slice(4);
  const innerAt = inner.indexOf('@', 1);
  if (innerAt < 0) return { name, range: inner };
  return {
    name: inner.slice(0, innerAt),
    range: inner.slice(innerAt + 1),
    alias: name,
  };
}
