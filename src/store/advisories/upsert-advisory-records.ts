import type {
  AdvisoryRecord,
  AffectedPackage,
} from '../../advisories/model.js';
import { isNewerRecord, latestRecords } from '../../advisories/merge.js';
import { packageKey } from '../../advisories/matching/package-key.js';
import { selectWhereIn } from '../bulk-sql.js';
import type { QmDatabase } from '../database.js';
import { chunk } from '../dialect.js';
import { insertRows } from './insert-rows.js';
import { advisoryTables } from './tables.js';

const LOOKUP_CHUNK = 1000;

export interface UpsertAdvisoryRecordsResult {
  /** Ids of records written (new, or newer than the stored copy). */
  written: string[];
  /**
   * The records written, as stored (`vulnerability_id` still their own
   * id), for regroupVulnerabilities to use without reading them back.
   */
  records: AdvisoryRecord[];
  /** Records skipped because the stored copy is as new or newer. */
  unchanged: number;
  /** Vulnerability ids the replaced records belonged to before. */
  previousGroups: string[];
}

interface StoredRecord {
  id: string;
  modified: string;
  vulnerability_id: string;
}

const ADVISORY_COLUMNS = [
  'id',
  'vulnerability_id',
  'modified',
  'withdrawn',
  'source',
  'record',
  'imported_at',
];
const ID_COLUMNS = ['alias', 'advisory_id'];
const PACKAGE_COLUMNS = [
  'advisory_id',
  'ecosystem',
  'name_key',
  'name',
  'affected',
];

async function storedRecords(
  store: QmDatabase,
  ids: string[],
): Promise<Map<string, StoredRecord>> {
  const rows = await selectWhereIn<StoredRecord>(
    store,
    {
      table: 'advisories',
      columns: 'id, modified, vulnerability_id',
      column: 'id',
    },
    ids,
  );
  return new Map(rows.map((row) => [row.id, row]));
}

/** Removes stored copies about to be replaced, with their ids and packages. */
async function deleteStored(store: QmDatabase, ids: string[]): Promise<void> {
  const db = advisoryTables(store);
  for (const part of chunk(ids, LOOKUP_CHUNK)) {
    await db
      .deleteFrom('advisory_ids')
      .where('advisory_id', 'in', part)
      .execute();
    await db
      .deleteFrom('advisory_packages')
      .where('advisory_id', 'in', part)
      .execute();
    await db.deleteFrom('advisories').where('id', 'in', part).execute();
  }
}

/**
 * Stores advisory records: a record replaces the stored one only when its
 * `modified` is newer. Its ids and named packages are rewritten with it.
 * `vulnerability_id` starts as the record's id; regrouping sets it.
 */
export async function upsertAdvisoryRecords(
  store: QmDatabase,
  records: readonly AdvisoryRecord[],
  importedAt: string = new Date().toISOString(),
): Promise<UpsertAdvisoryRecordsResult> {
  const latest = latestRecords([...records]);
  const stored = await storedRecords(
    store,
    latest.map((r) => r.id),
  );
  const fresh = latest.filter((r) => {
    const modified = stored.get(r.id)?.modified;
    return modified === undefined || isNewerRecord(r, { ...r, modified });
  });
  const replaced = fresh.filter((r) => stored.has(r.id)).map((r) => r.id);
  const previousGroups = new Set(
    replaced.map((id) => stored.get(id)?.vulnerability_id as string),
  );

  await deleteStored(store, replaced);
  const rows = fresh.map((r) => [
    r.id,
    r.id,
    r.modified,
    r.withdrawn ?? null,
    r.source,
    JSON.stringify(r),
    importedAt,
  ]);
  await insertRows(store, 'advisories', ADVISORY_COLUMNS, rows);
  // In key order, inserts into an index of random keys (aliases, package
  // names) walk it once instead of jumping about: measurably cheaper.
  const ids = fresh.flatMap(idRows).sort(byColumn(0));
  await insertRows(store, 'advisory_ids', ID_COLUMNS, ids);
  const packages = fresh.flatMap(packageRows).sort(byColumn(2));
  await insertRows(store, 'advisory_packages', PACKAGE_COLUMNS, packages);
  return {
    written: fresh.map((r) => r.id),
    records: fresh,
    unchanged: records.length - fresh.length,
    previousGroups: [...previousGroups],
  };
}

function byColumn(at: number) {
  return (a: string[], b: string[]) =>
    (a[at] as string) < (b[at] as string)
      ? -1
      : (a[at] as string) > (b[at] as string)
        ? 1
        : 0;
}

function idRows(record: AdvisoryRecord): string[][] {
  const aliases = new Set([record.id, ...record.aliases]);
  return [...aliases].map((alias) => [alias, record.id]);
}

/** One row per package the record names, with its affected entries as JSON. */
function packageRows(record: AdvisoryRecord): string[][] {
  const entries = new Map<string, AffectedPackage[]>();
  const rows = new Map<string, string[]>();
  for (const entry of record.affected) {
    const key = packageKey(entry.ecosystem, entry.name);
    const at = `${entry.ecosystem}\n${key}`;
    entries.set(at, [...(entries.get(at) ?? []), entry]);
    rows.set(at, [record.id, entry.ecosystem, key, entry.name]);
  }
  return [...rows].map(([at, row]) => [
    ...row,
    JSON.stringify(entries.get(at)),
  ]);
}
