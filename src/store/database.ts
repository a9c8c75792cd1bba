import type { Generated, Kysely } from 'kysely';

/**
 * The tables of the store, as Kysely sees them. One schema serves SQLite and
 * PostgreSQL: ids are int4, timestamps ISO-8601 text, booleans 0/1 integers
 * and lists or maps JSON text (see docs/adr/001-store-on-sqlite-and-postgres.md).
 */
export interface Database {
  packages: PackagesTable;
  services: ServicesTable;
  snapshots: SnapshotsTable;
  snapshot_packages: SnapshotPackagesTable;
  scans: ScansTable;
  scan_errors: ScanErrorsTable;
  groups: GroupsTable;
  repositories: RepositoriesTable;
}

/** The handle every store operation and query takes. */
export type QmDatabase = Kysely<Database>;

/** One package version, org-wide: one row per purl. */
export interface PackagesTable {
  id: Generated<number>;
  ecosystem: string;
  name: string;
  version: string | null;
  purl: string;
}

export interface ServicesTable {
  id: Generated<number>;
  namespace: string;
  name: string;
  title: string | null;
  description: string | null;
  type: string | null;
  lifecycle: string | null;
  owner: string;
  owner_source: string;
  system: string | null;
  /** JSON string[] */
  tags: string;
  /** JSON Record<string, string> */
  annotations: string;
  /** JSON string[] */
  depends_on: string;
  /** JSON TechStack */
  stack: string;
  internet_facing: number;
  user_data: number;
  payment_path: number;
  repository: string;
  path: string;
  descriptor_file: string | null;
  current_snapshot_id: number | null;
  /** The scan that last saw the service, with or without a new snapshot. */
  last_scan_id: number | null;
  first_seen: string;
  last_seen: string;
  retired_at: string | null;
}

export interface SnapshotsTable {
  id: Generated<number>;
  service_id: number;
  scan_id: number | null;
  taken_at: string;
  git_commit: string | null;
  content_hash: string;
  /** Package entries: one per node, so a version installed twice counts twice. */
  package_count: number;
  /** Distinct package versions; null only while a migration fills it. */
  package_versions: number | null;
  edge_count: number;
  /** JSON string[]: the ecosystems of its packages, sorted. */
  ecosystems: Generated<string>;
  /** JSON SnapshotRoot[]: the roots are nodes 0..roots.length-1. */
  roots: string;
  /** Flat [from, to, ...] node indices, base64 int32 (snapshot-graph.ts). */
  edges: string;
  /** JSON ExtractionWarning[] */
  warnings: string;
}

/** One package node of a snapshot: the reverse index of who-uses. */
export interface SnapshotPackagesTable {
  snapshot_id: number;
  /** Node index in the snapshot's graph (roots come first). */
  node: number;
  package_id: number;
  scope: string;
  direct: number;
  source: string;
  declared: string | null;
  file: string;
  line: number | null;
  skip_reason: string | null;
  /** Fewest edges from a root; NULL when unreachable or written before it was kept. */
  depth: number | null;
  /** Distinct paths from the roots (capped); NULL when written before it was kept. */
  paths: number | null;
}

export interface ScansTable {
  id: Generated<number>;
  started_at: string;
  finished_at: string | null;
  /** running, succeeded, partial, failed */
  status: string;
  /** JSON Record<string, number> of the counts the scan reports. */
  counts: string;
}

export interface ScanErrorsTable {
  id: Generated<number>;
  scan_id: number;
  service_namespace: string | null;
  service_name: string | null;
  repository: string | null;
  file: string | null;
  line: number | null;
  code: string;
  message: string;
  created_at: string;
}

export interface GroupsTable {
  id: Generated<number>;
  /** `group:namespace/name` or `user:namespace/name`, lower case. */
  ref: string;
  namespace: string;
  name: string;
  kind: string;
  type: string | null;
  title: string | null;
  /** Entity ref of the parent group, lower case, or null. */
  parent: string | null;
  /** JSON string[] */
  children: string;
  /** JSON string[] */
  members: string;
}

/** The fingerprint of each repository's last complete, error-free scan. */
export interface RepositoriesTable {
  /** Absolute path of the repository's root. */
  root: string;
  fingerprint: string;
  scanned_at: string;
}
