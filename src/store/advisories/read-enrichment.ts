import type { EpssScore } from '../../advisories/enrichment/epss.js';
import type { KevEntry } from '../../advisories/enrichment/kev.js';
import type { Enrichment } from '../../advisories/enrichment/types.js';
import type { QmDatabase } from '../database.js';
import { memberOf } from '../bulk-sql.js';
import { advisoryTables } from './tables.js';

/** The stored KEV and EPSS data of these CVE ids (others are left out). */
export async function readEnrichment(
  store: QmDatabase,
  cves: readonly string[],
): Promise<Enrichment> {
  const db = advisoryTables(store);
  const kev = new Map<string, KevEntry>();
  const epss = new Map<string, EpssScore>();
  // Callers pass every id of their vulnerabilities; only CVEs have scores.
  const ids = [
    ...new Set(
      cves.map((c) => c.toUpperCase()).filter((c) => c.startsWith('CVE-')),
    ),
  ];
  if (ids.length === 0) return { kev: { entries: kev }, epss };
  // One bound list, not a placeholder per id: the statement stays small
  // and needs no chunking.
  const kevRows = await db
    .selectFrom('kev_entries')
    .selectAll()
    .where(memberOf(store, 'cve', ids, 'text'))
    .execute();
  for (const r of kevRows)
    kev.set(r.cve, {
      cve: r.cve,
      dateAdded: r.date_added ?? undefined,
      dueDate: r.due_date ?? undefined,
      ransomware: r.ransomware === 1,
    });
  const epssRows = await db
    .selectFrom('epss_scores')
    .selectAll()
    .where(memberOf(store, 'cve', ids, 'text'))
    .execute();
  for (const r of epssRows)
    epss.set(r.cve, {
      epss: Number(r.epss),
      percentile: Number(r.percentile),
    });
  return { kev: { entries: kev }, epss };
}
