import { sql, type Kysely } from 'kysely';

/**
 * Snapshots also count their distinct package versions: `package_count`
 * counts package entries, one per node, and an npm tree installs one
 * version at several paths (2,177 entries for 1,488 versions in npm's own
 * lockfile), so `services` disagreed with `deps` and the SBOM. Snapshots
 * stored before are counted from their packages once.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('snapshots')
    .addColumn('package_versions', 'integer')
    .execute();
  await sql`update snapshots set package_versions = (
    select count(distinct sp.package_id) from snapshot_packages sp
    where sp.snapshot_id = snapshots.id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('snapshots')
    .dropColumn('package_versions')
    .execute();
}
