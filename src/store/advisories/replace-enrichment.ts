import type { EpssScore } from '../../advisories/enrichment/epss.js';
import type { KevCatalog } from '../../advisories/enrichment/kev.js';
import type { QmDatabase } from '../database.js';
import { chunk, rowsPerInsert } from '../dialect.js';
import { advisoryTables } from './tables.js';

/** Replaces the stored KEV catalogue with this one. Run inside a transaction. */
export async function replaceKevEntries(
  store: QmDatabase,
  catalog: KevCatalog,
): Promise<number> {
  const db = advisoryTables(store);
  await db.deleteFrom('kev_entries').execute();
  const rows = [...catalog.entries.values()].map((e) => ({
    cve: e.cve,
    date_added: e.dateAdded ?? null,
    due_date: e.dueDate ?? null,
    ransomware: e.ransomware ? 1 : 0,
  }));
  for (const part of chunk(rows, rowsPerInsert(4)))
    await db.insertInto('kev_entries').values(part).execute();
  return rows.length;
}

/** Replaces the stored EPSS scores with these. Run inside a transaction. */
export async function replaceEpssScores(
  store: QmDatabase,
  scores: ReadonlyMap<string, EpssScore>,
): Promise<number> {
  const db = advisoryTables(store);
  await db.deleteFrom('epss_scores').execute();
  const rows = [...scores].map(([cve, s]) => ({
    cve,
    epss: s.epss,
    percentile: s.percentile,
  }));
  for (const part of chunk(rows, rowsPerInsert(3)))
    await db.insertInto('epss_scores').values(part).execute();
  return rows.length;
}
