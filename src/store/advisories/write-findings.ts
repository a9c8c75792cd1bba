import type { QmDatabase } from '../database.js';
import { chunk, rowsPerInsert } from '../dialect.js';
import { advisoryTables } from './tables.js';

const LOOKUP_CHUNK = 500;

/** One finding as matching computed it. */
export interface FindingRow {
  serviceId: number;
  snapshotId: number;
  packageId: number;
  vulnerabilityId: string;
  direct: boolean;
  depth?: number;
  paths: number;
  scope: string;
  firstSeen: string;
  fixedVersions: string[];
  severity: string;
  priority: string;
  points: number;
  reasons: string[];
}

export interface ReplaceFindingsInput {
  snapshotId: number;
  /** Replace only the findings of these vulnerabilities; all when absent. */
  vulnerabilityIds?: readonly string[];
  rows: readonly FindingRow[];
}

/**
 * Replaces a snapshot's findings (or those of some vulnerabilities) with
 * freshly matched rows. Run inside a transaction by the caller.
 */
export async function replaceFindings(
  store: QmDatabase,
  input: ReplaceFindingsInput,
): Promise<void> {
  const db = advisoryTables(store);
  if (input.vulnerabilityIds) {
    for (const part of chunk([...input.vulnerabilityIds], LOOKUP_CHUNK))
      await db
        .deleteFrom('findings')
        .where('snapshot_id', '=', input.snapshotId)
        .where('vulnerability_id', 'in', part)
        .execute();
  } else {
    await db
      .deleteFrom('findings')
      .where('snapshot_id', '=', input.snapshotId)
      .execute();
  }
  const values = input.rows.map((r) => ({
    service_id: r.serviceId,
    snapshot_id: r.snapshotId,
    package_id: r.packageId,
    vulnerability_id: r.vulnerabilityId,
    direct: r.direct ? 1 : 0,
    depth: r.depth ?? null,
    paths: r.paths,
    scope: r.scope,
    first_seen: r.firstSeen,
    fixed_versions: JSON.stringify(r.fixedVersions),
    severity: r.severity,
    priority: r.priority,
    points: r.points,
    reasons: JSON.stringify(r.reasons),
  }));
  for (const part of chunk(values, rowsPerInsert(14)))
    await db.insertInto('findings').values(part).execute();
}

/** Removes every finding of these vulnerabilities (merged away or split). */
export async function deleteFindingsOf(
  store: QmDatabase,
  vulnerabilityIds: readonly string[],
): Promise<void> {
  const db = advisoryTables(store);
  for (const part of chunk([...vulnerabilityIds], LOOKUP_CHUNK))
    await db
      .deleteFrom('findings')
      .where('vulnerability_id', 'in', part)
      .execute();
}

/**
 * When each (package, vulnerability) was first found in a service, so that
 * a new snapshot keeps the date: key `packageId|vulnerabilityId`.
 */
export async function readFirstSeen(
  store: QmDatabase,
  serviceId: number,
): Promise<Map<string, string>> {
  const db = advisoryTables(store);
  const rows = await db
    .selectFrom('findings')
    .select(['package_id', 'vulnerability_id'])
    .select((eb) => eb.fn.min('first_seen').as('first_seen'))
    .where('service_id', '=', serviceId)
    .groupBy(['package_id', 'vulnerability_id'])
    .execute();
  return new Map(
    rows.map((r) => [
      `${r.package_id}|${r.vulnerability_id}`,
      String(r.first_seen),
    ]),
  );
}
