import type { Kysely } from 'kysely';
import { idColumn } from './id-column.js';

/**
 * Packages (one row per purl, org-wide), snapshots with their graph, and
 * the snapshot → package rows that, indexed by package, serve who-uses.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('packages')
    .addColumn('id', 'integer', idColumn(db))
    .addColumn('ecosystem', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('version', 'text')
    .addColumn('purl', 'text', (c) => c.notNull().unique())
    .execute();
  await db.schema
    .createIndex('packages_name')
    .on('packages')
    .columns(['name', 'ecosystem'])
    .execute();

  await db.schema
    .createTable('snapshots')
    .addColumn('id', 'integer', idColumn(db))
    .addColumn('service_id', 'integer', (c) =>
      c.notNull().references('services.id'),
    )
    .addColumn('scan_id', 'integer', (c) => c.references('scans.id'))
    .addColumn('taken_at', 'text', (c) => c.notNull())
    .addColumn('git_commit', 'text')
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('package_count', 'integer', (c) => c.notNull())
    .addColumn('edge_count', 'integer', (c) => c.notNull())
    // JSON string[] of the ecosystems of its packages, for service filters.
    .addColumn('ecosystems', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('roots', 'text', (c) => c.notNull())
    .addColumn('edges', 'text', (c) => c.notNull())
    .addColumn('warnings', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
  await db.schema
    .createIndex('snapshots_service')
    .on('snapshots')
    .columns(['service_id', 'taken_at'])
    .execute();

  await db.schema
    .createTable('snapshot_packages')
    .addColumn('snapshot_id', 'integer', (c) => c.notNull())
    .addColumn('node', 'integer', (c) => c.notNull())
    .addColumn('package_id', 'integer', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('direct', 'integer', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('declared', 'text')
    .addColumn('file', 'text', (c) => c.notNull())
    .addColumn('line', 'integer')
    .addColumn('skip_reason', 'text')
    .addPrimaryKeyConstraint('snapshot_packages_pk', ['snapshot_id', 'node'])
    .execute();
  // Who-uses reads package → snapshots; the primary key serves the other way.
  await db.schema
    .createIndex('snapshot_packages_package')
    .on('snapshot_packages')
    .columns(['package_id', 'snapshot_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('snapshot_packages').execute();
  await db.schema.dropTable('snapshots').execute();
  await db.schema.dropTable('packages').execute();
}
