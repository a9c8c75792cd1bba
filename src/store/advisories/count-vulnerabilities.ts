import { sql } from 'kysely';
import type { QmDatabase } from '../database.js';
import { advisoryTables } from './tables.js';

/**
 * How many vulnerabilities (merged alias groups) the store holds, counting
 * no further than `atMost` when given: enough to compare with a threshold
 * without reading a 200,000-row table for one new advisory.
 */
export async function countVulnerabilities(
  store: QmDatabase,
  atMost?: number,
): Promise<number> {
  const db = advisoryTables(store);
  const row =
    atMost === undefined
      ? await db
          .selectFrom('vulnerabilities')
          .select(sql<number>`count(*)`.as('total'))
          .executeTakeFirstOrThrow()
      : await db
          .selectFrom(
            db
              .selectFrom('vulnerabilities')
              .select('id')
              .limit(atMost)
              .as('some'),
          )
          .select(sql<number>`count(*)`.as('total'))
          .executeTakeFirstOrThrow();
  return Number(row.total);
}
