import type { Selectable } from 'kysely';
import type { QmDatabase } from '../database.js';
import { decisionTables, type DecisionRow } from './tables.js';

/** Every stored decision, expired ones included, oldest first. */
export async function readDecisions(
  store: QmDatabase,
): Promise<Array<Selectable<DecisionRow>>> {
  return decisionTables(store)
    .selectFrom('decisions')
    .selectAll()
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}
