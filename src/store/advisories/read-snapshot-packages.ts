import type { EcosystemName, Scope } from '../../core/model.js';
import type { QmDatabase } from '../database.js';
import { decodeEdges } from '../snapshot-graph.js';

/** One package node of a snapshot, with the package's identity. */
export interface SnapshotPackageRow {
  node: number;
  packageId: number;
  ecosystem: EcosystemName;
  name: string;
  version: string | null;
  purl: string;
  scope: Scope;
  direct: boolean;
}

/** A snapshot as matching reads it: its service, graph and packages. */
export interface SnapshotForMatching {
  snapshotId: number;
  serviceId: number;
  rootCount: number;
  /** Flat `[from, to, ...]` node indices. */
  edges: ArrayLike<number>;
  packages: SnapshotPackageRow[];
}

/** Reads one snapshot for matching; undefined when it does not exist. */
export async function readSnapshotPackages(
  db: QmDatabase,
  snapshotId: number,
): Promise<SnapshotForMatching | undefined> {
  const snapshot = await db
    .selectFrom('snapshots')
    .select(['id', 'service_id', 'roots', 'edges'])
    .where('id', '=', snapshotId)
    .executeTakeFirst();
  if (!snapshot) return undefined;
  const rows = await db
    .selectFrom('snapshot_packages as sp')
    .innerJoin('packages as p', 'p.id', 'sp.package_id')
    .select([
      'sp.node',
      'sp.package_id',
      'sp.scope',
      'sp.direct',
      'p.ecosystem',
      'p.name',
      'p.version',
      'p.purl',
    ])
    .where('sp.snapshot_id', '=', snapshotId)
    .orderBy('sp.node')
    .execute();
  return {
    snapshotId,
    serviceId: snapshot.service_id,
    rootCount: (JSON.parse(snapshot.roots) as unknown[]).length,
    edges: decodeEdges(snapshot.edges),
    packages: rows.map((r) => ({
      node: r.node,
      packageId: r.package_id,
      ecosystem: r.ecosystem as EcosystemName,
      name: r.name,
      version: r.version,
      purl: r.purl,
      scope: r.scope as Scope,
      direct: r.direct === 1,
    })),
  };
}
