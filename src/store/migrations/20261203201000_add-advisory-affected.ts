import type { Kysely } from 'kysely';

/**
 * The affected entries (ranges, versions) of each package an advisory
 * names, beside the key they are found by, so that matching reads a few
 * hundred bytes per package instead of parsing whole records. Rows stored
 * before keep NULL; matching reads their records instead.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('advisory_packages')
    .addColumn('affected', 'text')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('advisory_packages')
    .dropColumn('affected')
    .execute();
}
