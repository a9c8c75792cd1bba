import type { Insertable } from 'kysely';
import type { QmDatabase } from '../database.js';
import { decisionTables, type DecisionRow } from './tables.js';

export type NewDecisionRow = Omit<Insertable<DecisionRow>, 'id'>;

/**
 * Stores decisions; a decision on the same advisory id, service and purl
 * replaces the earlier one (the latest word counts).
 */
export async function writeDecisions(
  store: QmDatabase,
  rows: readonly NewDecisionRow[],
): Promise<void> {
  await store.transaction().execute(async (tx) => {
    const db = decisionTables(tx);
    for (const row of rows) {
      await db
        .deleteFrom('decisions')
        .where('advisory_id', '=', row.advisory_id)
        .where('service', '=', row.service)
        .where('purl', '=', row.purl)
        .execute();
      await db.insertInto('decisions').values(row).execute();
    }
  });
}

/** Deletes the decisions on an advisory id (one service, or all). */
export async function deleteDecisions(
  store: QmDatabase,
  advisoryId: string,
  service?: string,
): Promise<number> {
  let query = decisionTables(store)
    .deleteFrom('decisions')
    .where('advisory_id', '=', advisoryId);
  if (service !== undefined) query = query.where('service', '=', service);
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}
