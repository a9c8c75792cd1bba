import type { EcosystemName, Scope } from '../../core/model.js';

/** The service an SBOM describes. */
export interface SbomService {
  namespace: string;
  name: string;
  owner?: string;
  description?: string;
}

/** A project's own manifest inside the service (a workspace, a module). */
export interface SbomRoot {
  key: string;
  name: string;
  path: string;
  ecosystem: EcosystemName | string;
}

/** One package node; several nodes may share a purl (npm install paths). */
export interface SbomPackage {
  key: string;
  ecosystem: EcosystemName | string;
  name: string;
  version: string | null;
  purl: string;
  scope: Scope | string;
  direct: boolean;
}

/**
 * What both SBOM writers take: a service's graph as the inventory or the
 * store holds it. Edges join keys of roots and packages.
 */
export interface SbomGraph {
  service: SbomService;
  roots: SbomRoot[];
  packages: SbomPackage[];
  edges: ReadonlyArray<readonly [string, string]>;
}

/** How the document names its maker and when it was made. */
export interface SbomOptions {
  /** Quartermaster's version, as package.json gives it. */
  toolVersion: string;
  /** Defaults to now; fixed in tests. */
  timestamp?: Date;
}

/** A purl's package once, with the strongest scope any node gives it. */
export interface SbomComponent {
  purl: string;
  ecosystem: string;
  name: string;
  version: string | null;
  scope: string;
}

/**
 * The graph with package nodes merged by purl: what an SBOM lists. Roots
 * keep their keys; `dependsOn` maps a root key or a purl to purls.
 */
export interface CollapsedGraph {
  components: SbomComponent[];
  roots: SbomRoot[];
  dependsOn: Map<string, Set<string>>;
  /** Purls the service depends on directly when the graph has no root. */
  orphanDirect: string[];
}

// Lower rank wins: a package needed in production anywhere is needed.
function scopeRank(scope: string): number {
  if (scope === 'dev' || scope === 'test') return 2;
  return scope === 'optional' ? 1 : 0;
}

/** Merges package nodes by purl and maps edges onto purls and root keys. */
export function collapseGraph(graph: SbomGraph): CollapsedGraph {
  const byPurl = new Map<string, SbomComponent>();
  const purlOfKey = new Map<string, string>();
  for (const p of graph.packages) {
    purlOfKey.set(p.key, p.purl);
    const seen = byPurl.get(p.purl);
    if (!seen) {
      byPurl.set(p.purl, {
        purl: p.purl,
        ecosystem: p.ecosystem,
        name: p.name,
        version: p.version,
        scope: p.scope,
      });
    } else if (scopeRank(p.scope) < scopeRank(seen.scope)) {
      seen.scope = p.scope;
    }
  }

  const rootKeys = new Set(graph.roots.map((r) => r.key));
  const dependsOn = new Map<string, Set<string>>();
  for (const [from, to] of graph.edges) {
    const source = rootKeys.has(from) ? from : purlOfKey.get(from);
    const target = purlOfKey.get(to);
    // Edges into roots (a workspace using another) and self-loops left by
    // merging nodes have no place in a list of packages.
    if (source === undefined || target === undefined || source === target) {
      continue;
    }
    let set = dependsOn.get(source);
    if (!set) dependsOn.set(source, (set = new Set()));
    set.add(target);
  }

  const orphanDirect =
    graph.roots.length === 0
      ? [...new Set(graph.packages.filter((p) => p.direct).map((p) => p.purl))]
      : [];
  return {
    components: [...byPurl.values()].sort((a, b) =>
      a.purl < b.purl ? -1 : a.purl > b.purl ? 1 : 0,
    ),
    roots: graph.roots,
    dependsOn,
    orphanDirect,
  };
}

/** True for the scopes an SBOM marks as not shipped (dev, test). */
export function isExcludedScope(scope: string): boolean {
  return scopeRank(scope) === 2;
}
