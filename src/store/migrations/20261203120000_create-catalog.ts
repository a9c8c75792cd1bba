import type { Kysely } from 'kysely';
import { idColumn } from './id-column.js';

/** Services and the groups and users that own them. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('services')
    .addColumn('id', 'integer', idColumn(db))
    .addColumn('namespace', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('title', 'text')
    .addColumn('description', 'text')
    .addColumn('type', 'text')
    .addColumn('lifecycle', 'text')
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('owner_source', 'text', (c) => c.notNull())
    .addColumn('system', 'text')
    .addColumn('tags', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('annotations', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('depends_on', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('stack', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('internet_facing', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('user_data', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('payment_path', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('repository', 'text', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('descriptor_file', 'text')
    // No foreign key: snapshots point back at services, and a cycle of
    // constraints would only complicate the single-transaction write.
    .addColumn('current_snapshot_id', 'integer')
    .addColumn('last_scan_id', 'integer')
    .addColumn('first_seen', 'text', (c) => c.notNull())
    .addColumn('last_seen', 'text', (c) => c.notNull())
    .addColumn('retired_at', 'text')
    .addUniqueConstraint('services_namespace_name', ['namespace', 'name'])
    .execute();
  await db.schema
    .createIndex('services_repository')
    .on('services')
    .column('repository')
    .execute();
  // Who-uses joins snapshot rows to the services whose current snapshot
  // they are; without this index SQLite scans services once per row.
  await db.schema
    .createIndex('services_current_snapshot')
    .on('services')
    .column('current_snapshot_id')
    .execute();
  await db.schema
    .createIndex('services_owner')
    .on('services')
    .column('owner')
    .execute();

  await db.schema
    .createTable('groups')
    .addColumn('id', 'integer', idColumn(db))
    .addColumn('ref', 'text', (c) => c.notNull().unique())
    .addColumn('namespace', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('type', 'text')
    .addColumn('title', 'text')
    .addColumn('parent', 'text')
    .addColumn('children', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('members', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('groups').execute();
  await db.schema.dropTable('services').execute();
}
