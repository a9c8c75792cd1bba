import type { QmDatabase } from '../database.js';
import { bulkInsert, memberOf, type BulkColumn } from '../bulk-sql.js';
import { advisoryTables } from './tables.js';

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
  /** Hash of the facts above (matching/facts-hash.ts), compared on re-match. */
  factsHash?: string;
}

const FINDING_COLUMNS: BulkColumn[] = [
  { name: 'service_id', type: 'int' },
  { name: 'snapshot_id', type: 'int' },
  { name: 'package_id', type: 'int' },
  { name: 'vulnerability_id', type: 'text' },
  { name: 'direct', type: 'int' },
  { name: 'depth', type: 'int' },
  { name: 'paths', type: 'int' },
  { name: 'scope', type: 'text' },
  { name: 'first_seen', type: 'text' },
  { name: 'fixed_versions', type: 'text' },
  { name: 'severity', type: 'text' },
  { name: 'priority', type: 'text' },
  { name: 'points', type: 'int' },
  { name: 'reasons_id', type: 'int' },
  { name: 'facts_hash', type: 'text' },
];

const listTexts = new WeakMap<readonly string[], string>();

/**
 * The JSON text of a list that findings share (fixed versions, reasons):
 * a match gives one list object to every finding with the same priority
 * input, so each is serialised once.
 */
export function listJson(list: readonly string[]): string {
  let text = listTexts.get(list);
  if (text === undefined) {
    text = JSON.stringify(list);
    listTexts.set(list, text);
  }
  return text;
}

/**
 * The finding_reasons id of each reason list (by its JSON text), adding the
 * lists not stored yet; `known` (ids a caller looked up before) is filled
 * in and returned, so a match of many chunks asks only for new lists. Another writer adding the same list at the same
 * time is fine: the insert skips what exists and the ids are read after.
 */
export async function reasonIds(
  store: QmDatabase,
  lists: Iterable<readonly string[]>,
  known: Map<string, number> = new Map(),
): Promise<Map<string, number>> {
  const ids = known;
  const texts = [...new Set([...lists].map(listJson))].filter(
    (t) => !ids.has(t),
  );
  if (texts.length === 0) return ids;
  const db = advisoryTables(store);
  const read = async (wanted: readonly string[]) => {
    for (const row of await db
      .selectFrom('finding_reasons')
      .select(['id', 'reasons'])
      .where(memberOf(store, 'reasons', wanted, 'text'))
      .execute())
      ids.set(row.reasons, row.id);
  };
  await read(texts);
  const missing = texts.filter((t) => !ids.has(t));
  if (missing.length > 0) {
    await db
      .insertInto('finding_reasons')
      .values(missing.map((reasons) => ({ reasons })))
      .onConflict((oc) => oc.column('reasons').doNothing())
      .execute();
    await read(missing);
  }
  return ids;
}

/** The stored form of a finding row, in FINDING_COLUMNS order. */
function findingCells(
  r: FindingRow,
  reasons: ReadonlyMap<string, number>,
): unknown[] {
  return [
    r.serviceId,
    r.snapshotId,
    r.packageId,
    r.vulnerabilityId,
    r.direct ? 1 : 0,
    r.depth ?? null,
    r.paths,
    r.scope,
    r.firstSeen,
    listJson(r.fixedVersions),
    r.severity,
    r.priority,
    r.points,
    reasons.get(listJson(r.reasons)),
    r.factsHash ?? null,
  ];
}

/**
 * Writes what a match changed: deletes the findings of `deleteIds`, then
 * inserts `insert` (changed findings come back as a delete and an insert
 * carrying their first-seen date). Run inside a transaction by the caller.
 */
export async function applyFindingChanges(
  store: QmDatabase,
  changes: {
    deleteIds: readonly number[];
    insert: readonly FindingRow[];
    /** Reason ids already looked up (reasonIds) for these rows, if any. */
    reasonIds?: ReadonlyMap<string, number>;
  },
): Promise<void> {
  const db = advisoryTables(store);
  if (changes.deleteIds.length > 0)
    await db
      .deleteFrom('findings')
      .where(memberOf(store, 'id', changes.deleteIds, 'int'))
      .execute();
  if (changes.insert.length === 0) return;
  const reasons =
    changes.reasonIds ??
    (await reasonIds(
      store,
      changes.insert.map((r) => r.reasons),
    ));
  await bulkInsert(store, {
    table: 'findings',
    columns: FINDING_COLUMNS,
    rows: changes.insert.map((r) => findingCells(r, reasons)),
  });
}

/**
 * Ids of these services' snapshots: looked up first, so that the findings
 * are then reached through their snapshot index. As a subquery, PostgreSQL
 * without fresh statistics guessed dozens of snapshots per service and
 * scanned every finding instead (about 130 ms at 500,000 findings).
 */
async function snapshotIdsOf(
  store: QmDatabase,
  serviceIds: readonly number[],
  which: 'all' | 'superseded',
): Promise<number[]> {
  let query = store
    .selectFrom('snapshots as sn')
    .select('sn.id')
    .where(memberOf(store, 'sn.service_id', serviceIds, 'int'));
  if (which === 'superseded')
    query = query.where('sn.id', 'not in', (eb) =>
      eb
        .selectFrom('services')
        .select('current_snapshot_id')
        .where('current_snapshot_id', 'is not', null),
    );
  const rows = await query.execute();
  return rows.map((r) => r.id);
}

/**
 * Removes the findings that services hold through snapshots no longer
 * current (their dates have been carried over to the current snapshot's
 * findings first); all services when `serviceIds` is absent.
 */
export async function deleteSupersededFindings(
  store: QmDatabase,
  serviceIds?: readonly number[],
): Promise<void> {
  if (serviceIds?.length === 0) return;
  const query = advisoryTables(store).deleteFrom('findings');
  if (!serviceIds) {
    await query
      .where('snapshot_id', 'not in', (eb) =>
        eb
          .selectFrom('services')
          .select('current_snapshot_id')
          .where('current_snapshot_id', 'is not', null),
      )
      .execute();
    return;
  }
  const superseded = await snapshotIdsOf(store, serviceIds, 'superseded');
  if (superseded.length === 0) return;
  await query
    .where(memberOf(store, 'snapshot_id', superseded, 'int'))
    .execute();
}

/** Removes every finding of these vulnerabilities (merged away or split). */
export async function deleteFindingsOf(
  store: QmDatabase,
  vulnerabilityIds: readonly string[],
): Promise<void> {
  if (vulnerabilityIds.length === 0) return;
  await advisoryTables(store)
    .deleteFrom('findings')
    .where(memberOf(store, 'vulnerability_id', vulnerabilityIds, 'text'))
    .execute();
}

/**
 * When each (service, package, vulnerability) was first found, over all
 * snapshots, so that a new snapshot keeps the date: key
 * `serviceId|packageId|vulnerabilityId`. Narrowed to some services, some
 * vulnerabilities, or both (give the narrower side alone for its index).
 */
export async function readFirstSeen(
  store: QmDatabase,
  narrow: {
    serviceIds?: readonly number[];
    vulnerabilityIds?: readonly string[];
  },
): Promise<Map<string, string>> {
  if (narrow.serviceIds?.length === 0 || narrow.vulnerabilityIds?.length === 0)
    return new Map();
  let query = advisoryTables(store)
    .selectFrom('findings')
    .select(['service_id', 'package_id', 'vulnerability_id'])
    .select((eb) => eb.fn.min('first_seen').as('first_seen'));
  // Through the service's snapshots: findings are indexed by snapshot.
  if (narrow.serviceIds) {
    const snapshotIds = await snapshotIdsOf(store, narrow.serviceIds, 'all');
    if (snapshotIds.length === 0) return new Map();
    query = query.where(memberOf(store, 'snapshot_id', snapshotIds, 'int'));
  }
  if (narrow.vulnerabilityIds)
    query = query.where(
      memberOf(store, 'vulnerability_id', narrow.vulnerabilityIds, 'text'),
    );
  const rows = await query
    .groupBy(['service_id', 'package_id', 'vulnerability_id'])
    .execute();
  return new Map(
    rows.map((r) => [
      `${r.service_id}|${r.package_id}|${r.vulnerability_id}`,
      String(r.first_seen),
    ]),
  );
}
