import { sql } from 'kysely';
import type { QmDatabase } from '../database.js';
import { advisoryTables } from './tables.js';

/** How many vulnerabilities (merged alias groups) the store holds. */
export async function countVulnerabilities(store: QmDatabase): Promise<number> {
  const row = await advisoryTables(store)
    .selectFrom('vulnerabilities')
    .select(sql<number>`count(*)`.as('total'))
    .executeTakeFirstOrThrow();
  return Number(row.total);
}
