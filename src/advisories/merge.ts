import type { AdvisoryRecord, SeverityVector, Vulnerability } from './model.js';
import { UnionFind } from './union-find.js';

/** Milliseconds of an OSV time; unreadable times sort first. */
function timeOf(value: string | undefined): number {
  const time = value ? Date.parse(value) : NaN;
  return Number.isNaN(time) ? -Infinity : time;
}

/** True when `candidate` should replace `current` (newer `modified`). */
export function isNewerRecord(
  candidate: AdvisoryRecord,
  current: AdvisoryRecord,
): boolean {
  return timeOf(candidate.modified) > timeOf(current.modified);
}

/** One record per id: the one modified last. */
export function latestRecords(records: AdvisoryRecord[]): AdvisoryRecord[] {
  const byId = new Map<string, AdvisoryRecord>();
  for (const record of records) {
    const current = byId.get(record.id);
    if (!current || isNewerRecord(record, current)) byId.set(record.id, record);
  }
  return [...byId.values()];
}

/** GHSA records first (they name packages most precisely), then by id. */
function preference(a: AdvisoryRecord, b: AdvisoryRecord): number {
  const ghsa =
    Number(b.id.startsWith('GHSA-')) - Number(a.id.startsWith('GHSA-'));
  return ghsa || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function uniqueSeverities(records: AdvisoryRecord[]): SeverityVector[] {
  const seen = new Map<string, SeverityVector>();
  for (const vector of records.flatMap((r) => r.severity))
    seen.set(`${vector.type} ${vector.score}`, vector);
  return [...seen.values()];
}

function maxTime(values: Array<string | undefined>): string | undefined {
  let best: string | undefined;
  for (const value of values)
    if (
      value !== undefined &&
      (best === undefined || timeOf(value) > timeOf(best))
    )
      best = value;
  return best;
}

/** Builds one vulnerability from the records of one alias group. */
export function toVulnerability(group: AdvisoryRecord[]): Vulnerability {
  const records = [...group].sort(preference);
  const active = records.filter((r) => r.withdrawn === undefined);
  const lead = active[0] ?? (records[0] as AdvisoryRecord);
  const ids = new Set(records.flatMap((r) => [r.id, ...r.aliases]));
  const references = new Map(
    records.flatMap((r) => r.references).map((ref) => [ref.url, ref]),
  );
  return {
    id: lead.id,
    ids: [...ids].sort(),
    records,
    modified: maxTime(records.map((r) => r.modified)) ?? lead.modified,
    withdrawn:
      active.length === 0
        ? maxTime(records.map((r) => r.withdrawn))
        : undefined,
    summary: records.find((r) => r.summary)?.summary,
    details: records.find((r) => r.details)?.details,
    severity: uniqueSeverities(active.length > 0 ? active : records),
    databaseSeverity: records.find((r) => r.databaseSeverity)?.databaseSeverity,
    affected: active.flatMap((r) => r.affected),
    references: [...references.values()],
  };
}

/**
 * Merges records into vulnerabilities: a newer `modified` replaces an older
 * record of the same id, then records whose ids and aliases meet (directly
 * or through others) become one vulnerability carrying every id.
 */
export function mergeRecords(records: AdvisoryRecord[]): Vulnerability[] {
  const latest = latestRecords(records);
  const sets = new UnionFind();
  for (const record of latest)
    for (const alias of record.aliases) sets.union(record.id, alias);

  const groups = new Map<string, AdvisoryRecord[]>();
  for (const record of latest) {
    const root = sets.find(record.id);
    const group = groups.get(root);
    if (group) group.push(record);
    else groups.set(root, [record]);
  }
  return [...groups.values()]
    .map(toVulnerability)
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
