import { toVulnerability } from '../../advisories/merge.js';
import type { AdvisoryRecord, Vulnerability } from '../../advisories/model.js';
import type { QmDatabase } from '../database.js';
import { chunk } from '../dialect.js';
import { advisoryTables } from './tables.js';

const LOOKUP_CHUNK = 500;

/** A package as advisories name it: ecosystem and packageKey. */
export interface PackageKeyRef {
  ecosystem: string;
  nameKey: string;
}

/** The stored vulnerability of these ids, rebuilt from their records. */
export async function readVulnerabilities(
  store: QmDatabase,
  vulnerabilityIds: readonly string[],
): Promise<Map<string, Vulnerability>> {
  const db = advisoryTables(store);
  const groups = new Map<string, AdvisoryRecord[]>();
  for (const part of chunk([...new Set(vulnerabilityIds)], LOOKUP_CHUNK)) {
    const rows = await db
      .selectFrom('advisories')
      .select(['vulnerability_id', 'record'])
      .where('vulnerability_id', 'in', part)
      .execute();
    for (const row of rows) {
      const list = groups.get(row.vulnerability_id) ?? [];
      list.push(JSON.parse(row.record) as AdvisoryRecord);
      groups.set(row.vulnerability_id, list);
    }
  }
  const out = new Map<string, Vulnerability>();
  for (const [id, records] of groups) out.set(id, toVulnerability(records));
  return out;
}

/** Ids of the vulnerabilities whose records name any of these packages. */
export async function findVulnerabilitiesNaming(
  store: QmDatabase,
  packages: readonly PackageKeyRef[],
): Promise<string[]> {
  const db = advisoryTables(store);
  const byEcosystem = new Map<string, Set<string>>();
  for (const p of packages) {
    const keys = byEcosystem.get(p.ecosystem) ?? new Set<string>();
    keys.add(p.nameKey);
    byEcosystem.set(p.ecosystem, keys);
  }
  const ids = new Set<string>();
  for (const [ecosystem, keys] of byEcosystem) {
    for (const part of chunk([...keys], LOOKUP_CHUNK)) {
      const rows = await db
        .selectFrom('advisory_packages as ap')
        .innerJoin('advisories as a', 'a.id', 'ap.advisory_id')
        .select('a.vulnerability_id')
        .distinct()
        .where('ap.ecosystem', '=', ecosystem)
        .where('ap.name_key', 'in', part)
        .execute();
      for (const row of rows) ids.add(row.vulnerability_id);
    }
  }
  return [...ids];
}

/** The package keys the records of these vulnerabilities name. */
export async function readNamedPackages(
  store: QmDatabase,
  vulnerabilityIds: readonly string[],
): Promise<PackageKeyRef[]> {
  const db = advisoryTables(store);
  const out = new Map<string, PackageKeyRef>();
  for (const part of chunk([...new Set(vulnerabilityIds)], LOOKUP_CHUNK)) {
    const rows = await db
      .selectFrom('advisory_packages as ap')
      .innerJoin('advisories as a', 'a.id', 'ap.advisory_id')
      .select(['ap.ecosystem', 'ap.name_key'])
      .distinct()
      .where('a.vulnerability_id', 'in', part)
      .execute();
    for (const r of rows)
      out.set(`${r.ecosystem}\n${r.name_key}`, {
        ecosystem: r.ecosystem,
        nameKey: r.name_key,
      });
  }
  return [...out.values()];
}
