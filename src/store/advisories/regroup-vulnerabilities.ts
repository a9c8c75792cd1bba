import { mergeRecords } from '../../advisories/merge.js';
import type { AdvisoryRecord, Vulnerability } from '../../advisories/model.js';
import { sql } from 'kysely';
import { assessSeverity } from '../../advisories/severity/assess.js';
import type { QmDatabase } from '../database.js';
import { chunk } from '../dialect.js';
import { insertRows, type CellValue } from './insert-rows.js';
import { advisoryTables, type AdvisoryDatabase } from './tables.js';
import { appendAll } from '../../core/arrays.js';

const LOOKUP_CHUNK = 1000;
/** Records re-pointed per UPDATE: two parameters each, plus the IN list. */
const MOVE_CHUNK = 500;

export interface RegroupResult {
  /** Vulnerability ids that now exist and were touched. */
  current: string[];
  /** Vulnerability ids that no longer exist (merged into others or split). */
  removed: string[];
}

async function recordsByAlias(db: AdvisoryDatabase, aliases: string[]) {
  const ids = new Set<string>();
  for (const part of chunk(aliases, LOOKUP_CHUNK)) {
    const rows = await db
      .selectFrom('advisory_ids')
      .select('advisory_id')
      .where('alias', 'in', part)
      .execute();
    for (const row of rows) ids.add(row.advisory_id);
  }
  return ids;
}

/** Known records answer from memory; the rest are read. */
type KnownRecords = ReadonlyMap<string, AdvisoryRecord>;

async function aliasesOf(
  db: AdvisoryDatabase,
  recordIds: string[],
  known: KnownRecords,
) {
  const aliases = new Set<string>();
  const unknown: string[] = [];
  for (const id of recordIds) {
    const record = known.get(id);
    if (!record) unknown.push(id);
    else for (const alias of [id, ...record.aliases]) aliases.add(alias);
  }
  for (const part of chunk(unknown, LOOKUP_CHUNK)) {
    const rows = await db
      .selectFrom('advisory_ids')
      .select('alias')
      .where('advisory_id', 'in', part)
      .execute();
    for (const row of rows) aliases.add(row.alias);
  }
  return aliases;
}

async function membersOf(db: AdvisoryDatabase, groups: string[]) {
  const ids: string[] = [];
  for (const part of chunk(groups, LOOKUP_CHUNK)) {
    const rows = await db
      .selectFrom('advisories')
      .select('id')
      .where('vulnerability_id', 'in', part)
      .execute();
    appendAll(
      ids,
      rows.map((r) => r.id),
    );
  }
  return ids;
}

/** Every stored record reachable from the seeds through shared ids. */
async function component(
  db: AdvisoryDatabase,
  seeds: string[],
  known: KnownRecords,
): Promise<Set<string>> {
  const records = new Set(seeds);
  let frontier = [...records];
  const seenAliases = new Set<string>();
  while (frontier.length > 0) {
    const aliases = [...(await aliasesOf(db, frontier, known))].filter(
      (a) => !seenAliases.has(a),
    );
    aliases.forEach((a) => seenAliases.add(a));
    const found = await recordsByAlias(db, aliases);
    frontier = [...found].filter((id) => !records.has(id));
    frontier.forEach((id) => records.add(id));
  }
  return records;
}

async function loadRecords(
  db: AdvisoryDatabase,
  ids: string[],
  known: KnownRecords,
) {
  const records: AdvisoryRecord[] = [];
  const groups = new Set<string>();
  const storedGroup = new Map<string, string>();
  const unknown: string[] = [];
  for (const id of ids) {
    const record = known.get(id);
    if (!record) {
      unknown.push(id);
      continue;
    }
    // As upsertAdvisoryRecords wrote it: its own id is its group, which
    // has no vulnerabilities row (a replaced lead's is in previousGroups).
    records.push(record);
    storedGroup.set(id, id);
  }
  for (const part of chunk(unknown, LOOKUP_CHUNK)) {
    const rows = await db
      .selectFrom('advisories')
      .select(['record', 'vulnerability_id'])
      .where('id', 'in', part)
      .execute();
    for (const row of rows) {
      const record = JSON.parse(row.record) as AdvisoryRecord;
      records.push(record);
      groups.add(row.vulnerability_id);
      storedGroup.set(record.id, row.vulnerability_id);
    }
  }
  return { records, groups, storedGroup };
}

/** What changed in the store before a regroup. */
export interface RegroupInput {
  /**
   * Records just written by upsertAdvisoryRecords, as it wrote them: they
   * seed the regroup and are not read back from the store.
   */
  written?: readonly AdvisoryRecord[];
  /** Ids of other changed records, read from the store. */
  recordIds?: readonly string[];
  /** Vulnerability ids the replaced records belonged to before. */
  previousGroups?: readonly string[];
}

/**
 * Points records at their vulnerability, one statement per chunk. Most
 * records stand alone and already carry their own id as group: only the
 * ones whose group changed are written.
 */
async function moveRecords(
  db: AdvisoryDatabase,
  vulnerabilities: readonly Vulnerability[],
  storedGroup: ReadonlyMap<string, string>,
): Promise<void> {
  const moves: Array<[string, string]> = [];
  for (const vulnerability of vulnerabilities)
    for (const record of vulnerability.records)
      if (storedGroup.get(record.id) !== vulnerability.id)
        moves.push([record.id, vulnerability.id]);
  for (const part of chunk(moves, MOVE_CHUNK)) {
    const cases = part.map(([id, group]) => sql`when ${id} then ${group}`);
    await db
      .updateTable('advisories')
      .set({
        vulnerability_id: sql<string>`case id ${sql.join(cases, sql` `)} end`,
      })
      .where(
        'id',
        'in',
        part.map(([id]) => id),
      )
      .execute();
  }
}

const VULNERABILITY_COLUMNS = [
  'id',
  'ids',
  'modified',
  'withdrawn',
  'summary',
  'severity',
  'severity_score',
  'severity_vector',
];

function vulnerabilityRow(v: Vulnerability): CellValue[] {
  const severity = assessSeverity(v);
  return [
    v.id,
    JSON.stringify(v.ids),
    v.modified,
    v.withdrawn ?? null,
    v.summary ?? null,
    severity.level,
    severity.score ?? null,
    severity.vector ?? null,
  ];
}

/**
 * Recomputes the vulnerabilities that the given records (and the groups
 * they left) take part in: union of ids and aliases across the store, one
 * `vulnerabilities` row per group, severity assessed once here.
 */
export async function regroupVulnerabilities(
  store: QmDatabase,
  input: RegroupInput,
): Promise<RegroupResult> {
  const db = advisoryTables(store);
  const written = input.written ?? [];
  const previousGroups = input.previousGroups ?? [];
  const known = new Map(written.map((r) => [r.id, r]));
  const seeds = [
    ...known.keys(),
    ...(input.recordIds ?? []),
    ...(await membersOf(db, [...previousGroups])),
  ];
  const members = await component(db, seeds, known);
  const { records, groups, storedGroup } = await loadRecords(
    db,
    [...members],
    known,
  );
  const vulnerabilities = mergeRecords(records);

  await moveRecords(db, vulnerabilities, storedGroup);
  const current = vulnerabilities.map((v) => v.id);
  const stale = [
    ...new Set([
      ...groups,
      ...previousGroups,
      ...current.filter((id) => !known.has(id)),
    ]),
  ];
  for (const part of chunk(stale, LOOKUP_CHUNK))
    await db.deleteFrom('vulnerabilities').where('id', 'in', part).execute();
  await insertRows(
    store,
    'vulnerabilities',
    VULNERABILITY_COLUMNS,
    vulnerabilities.map(vulnerabilityRow),
  );

  const now = new Set(current);
  const removed = [...new Set([...groups, ...previousGroups])].filter(
    (id) => !now.has(id),
  );
  return { current, removed };
}
