import type {
  AdvisoryRecord,
  AffectedPackage,
} from '../../advisories/model.js';
import { packageKey } from '../../advisories/matching/package-key.js';
import type { QmDatabase } from '../database.js';
import { memberOf } from '../bulk-sql.js';
import type { PackageKeyRef } from './read-vulnerabilities.js';
import { advisoryTables } from './tables.js';

/** A vulnerability as matching needs it: ids, assessed severity, and what it affects. */
export interface MatchableVulnerability {
  id: string;
  ids: string[];
  severity: string;
  score?: number;
  /** The affected entries of its active records, by `ecosystem\nnameKey`. */
  affected: Map<string, AffectedPackage[]>;
}

interface MatchRow {
  advisory_id: string;
  ecosystem: string;
  name_key: string;
  affected: string | null;
  vulnerability_id: string;
  ids: string;
  severity: string;
  severity_score: number | null;
}

const keyOf = (ecosystem: string, nameKey: string) =>
  `${ecosystem}\n${nameKey}`;

/** Affected entries of rows stored before `affected` was kept: read from the records. */
async function entriesFromRecords(
  store: QmDatabase,
  rows: readonly MatchRow[],
): Promise<Map<string, AffectedPackage[]>> {
  const out = new Map<string, AffectedPackage[]>();
  const ids = [...new Set(rows.map((r) => r.advisory_id))];
  if (ids.length === 0) return out;
  const records = await advisoryTables(store)
    .selectFrom('advisories')
    .select(['id', 'record'])
    .where(memberOf(store, 'id', ids, 'text'))
    .execute();
  for (const row of records) {
    const record = JSON.parse(row.record) as AdvisoryRecord;
    for (const entry of record.affected) {
      const key = `${row.id}\n${keyOf(entry.ecosystem, packageKey(entry.ecosystem, entry.name))}`;
      out.set(key, [...(out.get(key) ?? []), entry]);
    }
  }
  return out;
}

/**
 * The vulnerabilities naming these packages (or, with `vulnerabilityIds`,
 * those vulnerabilities), read from the per-package rows of their active
 * records: no record is parsed whole, and severity comes as assessed at
 * import. Withdrawn records and vulnerabilities are left out.
 */
export async function readMatchAdvisories(
  store: QmDatabase,
  scope: {
    keys?: readonly PackageKeyRef[];
    vulnerabilityIds?: readonly string[];
  },
): Promise<Map<string, MatchableVulnerability>> {
  const db = advisoryTables(store);
  const base = db
    .selectFrom('advisory_packages as ap')
    .innerJoin('advisories as a', 'a.id', 'ap.advisory_id')
    .innerJoin('vulnerabilities as v', 'v.id', 'a.vulnerability_id')
    .select([
      'ap.advisory_id',
      'ap.ecosystem',
      'ap.name_key',
      'ap.affected',
      'a.vulnerability_id',
      'v.ids',
      'v.severity',
      'v.severity_score',
    ])
    .where('a.withdrawn', 'is', null)
    .where('v.withdrawn', 'is', null);
  const rows: MatchRow[] = [];
  if (scope.vulnerabilityIds) {
    if (scope.vulnerabilityIds.length > 0)
      rows.push(
        ...(await base
          .where(
            memberOf(
              store,
              'a.vulnerability_id',
              scope.vulnerabilityIds,
              'text',
            ),
          )
          .execute()),
      );
  } else {
    const byEcosystem = new Map<string, string[]>();
    for (const k of scope.keys ?? []) {
      const keys = byEcosystem.get(k.ecosystem);
      if (keys) keys.push(k.nameKey);
      else byEcosystem.set(k.ecosystem, [k.nameKey]);
    }
    for (const [ecosystem, keys] of byEcosystem)
      for (const row of await base
        .where('ap.ecosystem', '=', ecosystem)
        .where(memberOf(store, 'ap.name_key', keys, 'text'))
        .execute())
        rows.push(row);
  }

  const legacy = await entriesFromRecords(
    store,
    rows.filter((r) => r.affected === null),
  );
  const out = new Map<string, MatchableVulnerability>();
  for (const row of rows) {
    let vulnerability = out.get(row.vulnerability_id);
    if (!vulnerability) {
      vulnerability = {
        id: row.vulnerability_id,
        ids: JSON.parse(row.ids) as string[],
        severity: row.severity,
        score: row.severity_score ?? undefined,
        affected: new Map(),
      };
      out.set(row.vulnerability_id, vulnerability);
    }
    const key = keyOf(row.ecosystem, row.name_key);
    const entries =
      row.affected === null
        ? (legacy.get(`${row.advisory_id}\n${key}`) ?? [])
        : (JSON.parse(row.affected) as AffectedPackage[]);
    vulnerability.affected.set(key, [
      ...(vulnerability.affected.get(key) ?? []),
      ...entries,
    ]);
  }
  return out;
}
