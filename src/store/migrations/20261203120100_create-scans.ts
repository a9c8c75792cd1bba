import type { Kysely } from 'kysely';
import { idColumn } from './id-column.js';

/** Scans and the errors they recorded. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('scans')
    .addColumn('id', 'integer', idColumn(db))
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('counts', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute();

  await db.schema
    .createTable('scan_errors')
    .addColumn('id', 'integer', idColumn(db))
    .addColumn('scan_id', 'integer', (c) =>
      c.notNull().references('scans.id').onDelete('cascade'),
    )
    .addColumn('service_namespace', 'text')
    .addColumn('service_name', 'text')
    .addColumn('repository', 'text')
    .addColumn('file', 'text')
    .addColumn('line', 'integer')
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('scan_errors_scan')
    .on('scan_errors')
    .column('scan_id')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('scan_errors').execute();
  await db.schema.dropTable('scans').execute();
}
