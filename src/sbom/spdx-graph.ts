import type {
  DependencyGraph,
  GraphEdge,
  GraphPackage,
  GraphRoot,
  Scope,
} from '../core/model.js';
import { assignScopes } from '../ecosystems/cargo/graph-scope.js';
import { dirOf } from './cyclonedx-graph.js';
import type { SpdxDocument, SpdxPackage } from './spdx-document.js';
import {
  dominantEcosystem,
  identityOfPurl,
  SkippedEntries,
  sbomPackage,
} from './purl-package.js';

/** How a relationship reads as a dependency: direction and scope. */
const KINDS: Partial<Record<string, { reverse: boolean; scope: Scope }>> = {
  DEPENDS_ON: { reverse: false, scope: 'prod' },
  CONTAINS: { reverse: false, scope: 'prod' },
  DYNAMIC_LINK: { reverse: false, scope: 'prod' },
  STATIC_LINK: { reverse: false, scope: 'prod' },
  DEPENDENCY_OF: { reverse: true, scope: 'prod' },
  CONTAINED_BY: { reverse: true, scope: 'prod' },
  RUNTIME_DEPENDENCY_OF: { reverse: true, scope: 'prod' },
  PROVIDED_DEPENDENCY_OF: { reverse: true, scope: 'prod' },
  OPTIONAL_DEPENDENCY_OF: { reverse: true, scope: 'optional' },
  DEV_DEPENDENCY_OF: { reverse: true, scope: 'dev' },
  BUILD_DEPENDENCY_OF: { reverse: true, scope: 'dev' },
  TEST_DEPENDENCY_OF: { reverse: true, scope: 'test' },
};

/** Described packages: documentDescribes, DESCRIBES and DESCRIBED_BY. */
function describedIds(document: SpdxDocument): Set<string> {
  const ids = new Set(document.describes);
  for (const r of document.relationships) {
    if (r.type === 'DESCRIBES' && r.from === document.documentId) ids.add(r.to);
    if (r.type === 'DESCRIBED_BY' && r.to === document.documentId)
      ids.add(r.from);
  }
  if (ids.size === 0 && document.packages[0]) ids.add(document.packages[0].id);
  return ids;
}

function labelOf(pkg: SpdxPackage): string {
  return pkg.version
    ? `${pkg.name ?? pkg.id}@${pkg.version}`
    : (pkg.name ?? pkg.id);
}

/**
 * Turns an SPDX document into a graph: the described packages are roots,
 * packages with a purl of a known ecosystem are packages, and dependency,
 * containment and linking relationships are edges.
 */
export function buildSpdxGraph(
  document: SpdxDocument,
  file: string,
): DependencyGraph {
  const described = describedIds(document);
  const roots: GraphRoot[] = [];
  const packages: GraphPackage[] = [];
  const nodes = new Map<string, string>();
  const skipped = new SkippedEntries();
  for (const entry of document.packages) {
    if (described.has(entry.id)) {
      nodes.set(entry.id, `root:${entry.id}`);
      roots.push({
        key: `root:${entry.id}`,
        name: entry.name ?? entry.id,
        path: dirOf(file),
        ecosystem: 'npm', // replaced below
        file,
      });
      continue;
    }
    const identity = identityOfPurl(entry.purl, entry.version);
    if (typeof identity === 'string') {
      skipped.add(identity, labelOf(entry));
      continue;
    }
    if (nodes.has(entry.id)) continue;
    nodes.set(entry.id, entry.id);
    const pkg = sbomPackage(entry.id, identity, { file });
    if (entry.line !== undefined) pkg.line = entry.line;
    packages.push(pkg);
  }
  fixRootEcosystems(roots, document, packages);
  const edges = readEdges(document, nodes);
  assignScopes(packages, edges, new Set(roots.map((r) => r.key)));
  return {
    roots,
    packages,
    edges,
    files: [file],
    warnings: skipped.warnings(file),
  };
}

function readEdges(
  document: SpdxDocument,
  nodes: Map<string, string>,
): GraphEdge[] {
  const edges: GraphEdge[] = [];
  const seen = new Set<string>();
  for (const r of document.relationships) {
    const kind = KINDS[r.type];
    if (!kind) continue;
    const from = nodes.get(kind.reverse ? r.to : r.from);
    const to = nodes.get(kind.reverse ? r.from : r.to);
    if (!from || !to || from === to || to.startsWith('root:')) continue;
    const id = `${from}\n${to}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const edge: GraphEdge = { from, to };
    if (from.startsWith('root:')) edge.scope = kind.scope;
    edges.push(edge);
  }
  return edges;
}

// A root needs an ecosystem: its own purl's, else the most common among the
// packages, npm when there are none.
function fixRootEcosystems(
  roots: GraphRoot[],
  document: SpdxDocument,
  packages: GraphPackage[],
): void {
  const fallback = dominantEcosystem(packages) ?? 'npm';
  for (const root of roots) {
    const entry = document.packages.find((p) => `root:${p.id}` === root.key);
    const identity = identityOfPurl(entry?.purl, entry?.version);
    root.ecosystem =
      typeof identity === 'string' ? fallback : identity.ecosystem;
  }
}
