import type { EcosystemName } from '../core/model.js';

/**
 * Advisories as Quartermaster keeps them: OSV records read leniently, their
 * package names normalised, and records about one vulnerability merged.
 * Plain data only.
 */

/** A severity score as OSV gives it, e.g. `{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/...' }`. */
export interface SeverityVector {
  type: string;
  score: string;
}

/** One event of an OSV range; `0` as `introduced` means "from the start". */
export interface RangeEvent {
  kind: 'introduced' | 'fixed' | 'last_affected' | 'limit';
  version: string;
}

/** An OSV range: `SEMVER`, `ECOSYSTEM` or `GIT` (commits, never matched to versions). */
export interface AffectedRange {
  type: string;
  events: RangeEvent[];
}

/** The versions of one package an advisory affects. */
export interface AffectedPackage {
  ecosystem: EcosystemName;
  /** Name after normalizePackageName, so it meets the inventory's names. */
  name: string;
  purl?: string;
  ranges: AffectedRange[];
  /** Explicitly listed affected versions. */
  versions: string[];
  /** Per-package severity, which OSV allows instead of the record's. */
  severity: SeverityVector[];
}

/** One OSV record from one database (a GHSA, a GO-, a PYSEC- file). */
export interface AdvisoryRecord {
  id: string;
  /** The record's own aliases (CVE ids, twins in other databases). */
  aliases: string[];
  /** ISO 8601 time of the record's last change; the newer record wins. */
  modified: string;
  published?: string;
  /** Set when the database withdrew the record: kept, never reported. */
  withdrawn?: string;
  summary?: string;
  details?: string;
  severity: SeverityVector[];
  /** `database_specific.severity` (GHSA: LOW, MODERATE, HIGH, CRITICAL). */
  databaseSeverity?: string;
  affected: AffectedPackage[];
  references: Array<{ type: string; url: string }>;
  /** Where the record was read: a file path or `archive.zip!entry`. */
  source: string;
}

/**
 * One vulnerability: every record whose ids or aliases meet, merged. `id`
 * is the preferred id (a GHSA when there is one); `ids` holds them all.
 */
export interface Vulnerability {
  id: string;
  ids: string[];
  records: AdvisoryRecord[];
  modified: string;
  /** Set only when every record is withdrawn. */
  withdrawn?: string;
  summary?: string;
  details?: string;
  severity: SeverityVector[];
  databaseSeverity?: string;
  /** The affected packages of the records that are not withdrawn. */
  affected: AffectedPackage[];
  references: Array<{ type: string; url: string }>;
}

/** A record or entry that could not be read; the import goes on. */
export interface AdvisoryWarning {
  source: string;
  code: string;
  message: string;
}
