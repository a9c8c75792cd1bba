import type { Generated, Kysely } from 'kysely';
import type { Database, QmDatabase } from '../database.js';

/**
 * The advisory tables (migration 20261203170000_create-advisories). Kept
 * beside their operations; `advisoryTables(db)` widens a store handle to
 * see them. Timestamps are ISO text, lists JSON text, booleans 0/1.
 */
// A type alias, not an interface: withTables wants an index-compatible type.
export type AdvisoryTables = {
  /** One OSV record per row; `record` is the AdvisoryRecord as JSON. */
  advisories: {
    id: string;
    vulnerability_id: string;
    modified: string;
    withdrawn: string | null;
    source: string;
    record: string;
    imported_at: string;
  };
  /** Every id a record answers to: its own id and its aliases. */
  advisory_ids: { alias: string; advisory_id: string };
  /** The packages a record names, keyed as matching meets them (packageKey). */
  advisory_packages: {
    advisory_id: string;
    ecosystem: string;
    name_key: string;
    name: string;
    /** JSON AffectedPackage[] of this package in this record; NULL for rows stored before it was kept. */
    affected: string | null;
  };
  /** One merged vulnerability per alias group, with its assessed severity. */
  vulnerabilities: {
    id: string;
    /** JSON string[] */
    ids: string;
    modified: string;
    withdrawn: string | null;
    summary: string | null;
    severity: string;
    severity_score: number | null;
    severity_vector: string | null;
  };
  /** CISA KEV entries by upper-case CVE id. */
  kev_entries: {
    cve: string;
    date_added: string | null;
    due_date: string | null;
    ransomware: number;
  };
  /** EPSS scores by upper-case CVE id. */
  epss_scores: { cve: string; epss: number; percentile: number };
  /** One vulnerable package of one snapshot, for one vulnerability. */
  findings: {
    id: Generated<number>;
    service_id: number;
    snapshot_id: number;
    package_id: number;
    vulnerability_id: string;
    direct: number;
    depth: number | null;
    paths: number;
    scope: string;
    first_seen: string;
    /** JSON string[] */
    fixed_versions: string;
    severity: string;
    priority: string;
    points: number;
    /** The finding_reasons row holding its priority reasons. */
    reasons_id: number;
    /** Hash of the facts a match compares; null for rows stored before it. */
    facts_hash: string | null;
  };
  /** Priority reason lists, shared by the findings that give them. */
  finding_reasons: {
    id: Generated<number>;
    /** JSON string[] */
    reasons: string;
  };
};

export type AdvisoryDatabase = Kysely<Database & AdvisoryTables>;

/** The same handle (or transaction), typed to see the advisory tables. */
export function advisoryTables(db: QmDatabase): AdvisoryDatabase {
  return db.withTables<AdvisoryTables>();
}
