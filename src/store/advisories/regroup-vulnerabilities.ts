import { mergeRecords } from '../../advisories/merge.js';
import type { AdvisoryRecord } from '../../advisories/model.js';
import { assessSeverity } from '../../advisories/severity/assess.js';
import type { QmDatabase } from '../database.js';
import { chunk, rowsPerInsert } from '../dialect.js';
import { advisoryTables, type AdvisoryDatabase } from './tables.js';
import { appendAll } from '../../core/arrays.js';

const LOOKUP_CHUNK = 1000;

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

async function aliasesOf(db: AdvisoryDatabase, recordIds: string[]) {
  const aliases = new Set<string>();
  for (const part of chunk(recordIds, LOOKUP_CHUNK)) {
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
): Promise<Set<string>> {
  const records = new Set(seeds);
  let frontier = [...records];
  const seenAliases = new Set<string>();
  while (frontier.length > 0) {
    const aliases = [...(await aliasesOf(db, frontier))].filter(
      (a) => !seenAliases.has(a),
    );
    aliases.forEach((a) => seenAliases.add(a));
    const found = await recordsByAlias(db, aliases);
    frontier = [...found].filter((id) => !records.has(id));
    frontier.forEach((id) => records.add(id));
  }
  return records;
}

async function loadRecords(db: AdvisoryDatabase, ids: string[]) {
  const records: AdvisoryRecord[] = [];
  const groups = new Set<string>();
  const storedGroup = new Map<string, string>();
  for (const part of chunk(ids, LOOKUP_CHUNK)) {
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

/**
 * Recomputes the vulnerabilities that the given records (and the groups
 * they left) take part in: union of ids and aliases across the store, one
 * `vulnerabilities` row per group, severity assessed once here.
 */
export async function regroupVulnerabilities(
  store: QmDatabase,
  recordIds: readonly string[],
  previousGroups: readonly string[] = [],
): Promise<RegroupResult> {
  const db = advisoryTables(store);
  const seeds = [...recordIds, ...(await membersOf(db, [...previousGroups]))];
  const members = await component(db, seeds);
  const { records, groups, storedGroup } = await loadRecords(db, [...members]);
  const vulnerabilities = mergeRecords(records);

  // Most records stand alone and already carry their own id as group:
  // only the ones whose group changed are written.
  for (const vulnerability of vulnerabilities) {
    const ids = vulnerability.records
      .map((r) => r.id)
      .filter((id) => storedGroup.get(id) !== vulnerability.id);
    for (const part of chunk(ids, LOOKUP_CHUNK))
      await db
        .updateTable('advisories')
        .set({ vulnerability_id: vulnerability.id })
        .where('id', 'in', part)
        .execute();
  }
  const current = vulnerabilities.map((v) => v.id);
  const stale = [...new Set([...groups, ...previousGroups, ...current])];
  for (const part of chunk(stale, LOOKUP_CHUNK))
    await db.deleteFrom('vulnerabilities').where('id', 'in', part).execute();
  const rows = vulnerabilities.map((v) => {
    const severity = assessSeverity(v);
    return {
      id: v.id,
      ids: JSON.stringify(v.ids),
      modified: v.modified,
      withdrawn: v.withdrawn ?? null,
      summary: v.summary ?? null,
      severity: severity.level,
      severity_score: severity.score ?? null,
      severity_vector: severity.vector ?? null,
    };
  });
  for (const part of chunk(rows, rowsPerInsert(8)))
    await db.insertInto('vulnerabilities').values(part).execute();

  const now = new Set(current);
  const removed = [...new Set([...groups, ...previousGroups])].filter(
    (id) => !now.has(id),
  );
  return { current, removed };
}
