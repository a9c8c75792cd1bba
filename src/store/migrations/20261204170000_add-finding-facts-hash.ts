import type { Kysely } from 'kysely';

/**
 * A finding also stores a hash of the facts a match may change (relation,
 * depth, paths, scope, severity, priority, points, fixes, reasons), so that
 * re-matching reads six short columns per stored finding instead of
 * fourteen: most of an unchanged whole-organisation match was spent reading
 * them back. Rows stored before have none; the next match sees them as
 * changed and writes them once more, first-seen dates kept.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('findings')
    .addColumn('facts_hash', 'text')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('findings').dropColumn('facts_hash').execute();
}
