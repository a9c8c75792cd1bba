import type { Scope } from '../core/model.js';
import type { QmDatabase } from '../store/database.js';
import { decodeEdges, type SnapshotRoot } from '../store/snapshot-graph.js';
import {
  buildDependencyTree,
  type DependencyTreeNode,
  type TreeNodeInfo,
} from './dependency-tree.js';
import { findService } from './find-service.js';

export interface GetDependenciesOptions {
  /** `name` or `namespace/name`. */
  service: string;
  /** A tree from the roots instead of a flat list. */
  tree?: boolean;
  /** Keep only these scopes (a tree then skips the branches of others). */
  scope?: Scope | Scope[];
  /** Tree depth below the roots (default 20). */
  depth?: number;
}

/** One package version of a service, merged over its install places. */
export interface FlatDependency {
  ecosystem: string;
  name: string;
  version: string | null;
  purl: string;
  scope: string;
  direct: boolean;
  source: string;
  declared: string | null;
  files: string[];
  /** Why the entry is incomplete (`git-dependency`, `unresolved`, ...). */
  skipReason: string | null;
}

/** The `--json` shape of `quartermaster deps`. */
export interface DependenciesResult {
  service: { namespace: string; name: string };
  /** Null when the service has no snapshot yet. */
  snapshot: { id: number; takenAt: string; gitCommit: string | null } | null;
  /** Flat list, sorted by ecosystem, name and version (without `tree`). */
  packages?: FlatDependency[];
  /** One node per root (with `tree`). */
  tree?: DependencyTreeNode[];
}

/** The packages of a service's current snapshot, as a list or a tree. */
export async function getDependencies(
  db: QmDatabase,
  options: GetDependenciesOptions,
): Promise<DependenciesResult> {
  const service = await findService(db, options.service);
  const head = { namespace: service.namespace, name: service.name };
  if (service.current_snapshot_id === null) {
    return {
      service: head,
      snapshot: null,
      ...(options.tree ? { tree: [] } : { packages: [] }),
    };
  }
  const snapshotRow = await db
    .selectFrom('snapshots')
    .select(['id', 'taken_at', 'git_commit', 'roots', 'edges'])
    .where('id', '=', service.current_snapshot_id)
    .executeTakeFirstOrThrow();
  const scopes = options.scope ? new Set([options.scope].flat()) : undefined;
  const nodes = (await readNodes(db, snapshotRow.id)).filter(
    (n) => !scopes || scopes.has(n.scope as Scope),
  );
  const snapshot = {
    id: snapshotRow.id,
    takenAt: snapshotRow.taken_at,
    gitCommit: snapshotRow.git_commit,
  };
  if (!options.tree) {
    return { service: head, snapshot, packages: flatten(nodes) };
  }
  const tree = buildDependencyTree({
    roots: JSON.parse(snapshotRow.roots) as SnapshotRoot[],
    edges: decodeEdges(snapshotRow.edges),
    nodes: new Map(nodes.map((n) => [n.node, n])),
    depth: options.depth ?? 20,
  });
  return { service: head, snapshot, tree };
}

interface NodeRow extends TreeNodeInfo {
  ecosystem: string;
  source: string;
  declared: string | null;
  file: string;
  skipReason: string | null;
}

async function readNodes(db: QmDatabase, snapshotId: number) {
  const rows = await db
    .selectFrom('snapshot_packages as sp')
    .innerJoin('packages as p', 'p.id', 'sp.package_id')
    .select([
      'sp.node',
      'sp.scope',
      'sp.direct',
      'sp.source',
      'sp.declared',
      'sp.file',
      'sp.skip_reason',
      'p.ecosystem',
      'p.name',
      'p.version',
      'p.purl',
    ])
    .where('sp.snapshot_id', '=', snapshotId)
    .execute();
  return rows.map((r): NodeRow => ({
    node: r.node,
    ecosystem: r.ecosystem,
    name: r.name,
    version: r.version,
    purl: r.purl,
    scope: r.scope,
    direct: r.direct === 1,
    source: r.source,
    declared: r.declared,
    file: r.file,
    skipReason: r.skip_reason,
  }));
}

function flatten(nodes: NodeRow[]): FlatDependency[] {
  const byPurl = new Map<string, FlatDependency>();
  for (const n of nodes) {
    const seen = byPurl.get(n.purl);
    if (seen) {
      seen.direct ||= n.direct;
      if (!seen.files.includes(n.file)) seen.files.push(n.file);
      continue;
    }
    byPurl.set(n.purl, {
      ecosystem: n.ecosystem,
      name: n.name,
      version: n.version,
      purl: n.purl,
      scope: n.scope,
      direct: n.direct,
      source: n.source,
      declared: n.declared,
      files: [n.file],
      skipReason: n.skipReason,
    });
  }
  return [...byPurl.values()].sort(
    (a, b) =>
      cmp(a.ecosystem, b.ecosystem) ||
      cmp(a.name, b.name) ||
      cmp(a.version ?? '', b.version ?? ''),
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
