import { sql, type Kysely } from 'kysely';

/**
 * Each snapshot node's depth and path count, computed once when the
 * snapshot is written, so that matching never walks a graph; snapshots
 * written before this migration keep NULL and matching computes theirs.
 * Also an index on the case-folded package name, which advisories key npm
 * names by.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('snapshot_packages')
    .addColumn('depth', 'integer')
    .execute();
  await db.schema
    .alterTable('snapshot_packages')
    .addColumn('paths', 'integer')
    .execute();
  await db.schema
    .createIndex('packages_ecosystem_lower_name')
    .on('packages')
    .expression(sql`ecosystem, lower(name)`)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('packages_ecosystem_lower_name').execute();
  await db.schema.alterTable('snapshot_packages').dropColumn('paths').execute();
  await db.schema.alterTable('snapshot_packages').dropColumn('depth').execute();
}
