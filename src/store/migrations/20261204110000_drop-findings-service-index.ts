import type { Kysely } from 'kysely';

/**
 * Findings are reached by snapshot (the unique key's first column) or by
 * vulnerability; the (service, priority) index only made every write touch
 * one more page per service, which is most of the cost when a new advisory
 * reaches every service. Lookups by service now go through snapshots.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('findings_service').ifExists().execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('findings_service')
    .on('findings')
    .columns(['service_id', 'priority'])
    .execute();
}
