import type { AdvisoryRecord } from '../../advisories/model.js';
import { isNewerRecord, latestRecords } from '../../advisories/merge.js';
import { packageKey } from '../../advisories/matching/package-key.js';
import type { QmDatabase } from '../database.js';
import { chunk, rowsPerInsert } from '../dialect.js';
import { advisoryTables, type AdvisoryDatabase } from './tables.js';

const LOOKUP_CHUNK = 1000;

export interface UpsertAdvisoryRecordsResult {
  /** Ids of records written (new, or newer than the stored copy). */
  written: string[];
  /** Records skipped because the stored copy is as new or newer. */
  unchanged: number;
  /** Vulnerability ids the replaced records belonged to before. */
  previousGroups: string[];
}

interface StoredRecord {
  modified: string;
  vulnerabilityId: string;
}

async function storedRecords(
  db: AdvisoryDatabase,
  ids: string[],
): Promise<Map<string, StoredRecord>> {
  const stored = new Map<string, StoredRecord>();
  for (const part of chunk([...new Set(ids)], LOOKUP_CHUNK)) {
    const rows = await db
      .selectFrom('advisories')
      .select(['id', 'modified', 'vulnerability_id'])
      .where('id', 'in', part)
      .execute();
    for (const row of rows)
      stored.set(row.id, {
        modified: row.modified,
        vulnerabilityId: row.vulnerability_id,
      });
  }
  return stored;
}

async function insertRows<T extends 'advisory_ids' | 'advisory_packages'>(
  db: AdvisoryDatabase,
  table: T,
  rows: Array<Record<string, string>>,
): Promise<void> {
  const columns = Object.keys(rows[0] ?? {}).length || 1;
  for (const part of chunk(rows, rowsPerInsert(columns))) {
    await db
      .insertInto(table)
      .values(part as never)
      .execute();
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
  const db = advisoryTables(store);
  const stored = await storedRecords(
    db,
    records.map((r) => r.id),
  );
  const fresh = latestRecords([...records]).filter((r) => {
    const modified = stored.get(r.id)?.modified;
    return modified === undefined || isNewerRecord(r, { ...r, modified });
  });
  const ids = fresh.map((r) => r.id);
  const previousGroups = new Set(
    ids.flatMap((id) => stored.get(id)?.vulnerabilityId ?? []),
  );

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
  for (const part of chunk(fresh, rowsPerInsert(7))) {
    await db
      .insertInto('advisories')
      .values(
        part.map((r) => ({
          id: r.id,
          vulnerability_id: r.id,
          modified: r.modified,
          withdrawn: r.withdrawn ?? null,
          source: r.source,
          record: JSON.stringify(r),
          imported_at: importedAt,
        })),
      )
      .execute();
  }
  await insertRows(db, 'advisory_ids', fresh.flatMap(idRows));
  await insertRows(db, 'advisory_packages', fresh.flatMap(packageRows));
  return {
    written: ids,
    unchanged: records.length - fresh.length,
    previousGroups: [...previousGroups],
  };
}

function idRows(record: AdvisoryRecord): Array<Record<string, string>> {
  const aliases = new Set([record.id, ...record.aliases]);
  return [...aliases].map((alias) => ({ alias, advisory_id: record.id }));
}

function packageRows(record: AdvisoryRecord): Array<Record<string, string>> {
  const seen = new Map<string, Record<string, string>>();
  for (const entry of record.affected) {
    const key = packageKey(entry.ecosystem, entry.name);
    seen.set(`${entry.ecosystem}\n${key}`, {
      advisory_id: record.id,
      ecosystem: entry.ecosystem,
      name_key: key,
      name: entry.name,
    });
  }
  return [...seen.values()];
}
