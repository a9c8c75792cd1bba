import type { Kysely } from 'kysely';
import { idColumn } from './id-column.js';

/**
 * Advisories (one row per OSV record), every id and alias they carry, the
 * packages they name (keyed for matching), the vulnerabilities they merge
 * into, and the findings of matching them against snapshots.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('advisories')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('vulnerability_id', 'text', (c) => c.notNull())
    .addColumn('modified', 'text', (c) => c.notNull())
    .addColumn('withdrawn', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('record', 'text', (c) => c.notNull())
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('advisories_vulnerability')
    .on('advisories')
    .column('vulnerability_id')
    .execute();

  await db.schema
    .createTable('advisory_ids')
    .addColumn('alias', 'text', (c) => c.notNull())
    .addColumn('advisory_id', 'text', (c) =>
      c.notNull().references('advisories.id').onDelete('cascade'),
    )
    .addPrimaryKeyConstraint('advisory_ids_pk', ['alias', 'advisory_id'])
    .execute();
  await db.schema
    .createIndex('advisory_ids_advisory')
    .on('advisory_ids')
    .column('advisory_id')
    .execute();

  await db.schema
    .createTable('advisory_packages')
    .addColumn('advisory_id', 'text', (c) =>
      c.notNull().references('advisories.id').onDelete('cascade'),
    )
    .addColumn('ecosystem', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('advisory_packages_key')
    .on('advisory_packages')
    .columns(['ecosystem', 'name_key'])
    .execute();
  await db.schema
    .createIndex('advisory_packages_advisory')
    .on('advisory_packages')
    .column('advisory_id')
    .execute();

  await db.schema
    .createTable('vulnerabilities')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('ids', 'text', (c) => c.notNull())
    .addColumn('modified', 'text', (c) => c.notNull())
    .addColumn('withdrawn', 'text')
    .addColumn('summary', 'text')
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('severity_score', 'real')
    .addColumn('severity_vector', 'text')
    .execute();

  await db.schema
    .createTable('findings')
    .addColumn('id', 'integer', idColumn(db))
    .addColumn('service_id', 'integer', (c) =>
      c.notNull().references('services.id'),
    )
    .addColumn('snapshot_id', 'integer', (c) =>
      c.notNull().references('snapshots.id').onDelete('cascade'),
    )
    .addColumn('package_id', 'integer', (c) =>
      c.notNull().references('packages.id'),
    )
    .addColumn('vulnerability_id', 'text', (c) => c.notNull())
    .addColumn('direct', 'integer', (c) => c.notNull())
    .addColumn('depth', 'integer')
    .addColumn('paths', 'integer', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('first_seen', 'text', (c) => c.notNull())
    .addColumn('fixed_versions', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('priority', 'text', (c) => c.notNull())
    .addColumn('points', 'integer', (c) => c.notNull())
    .addColumn('reasons', 'text', (c) => c.notNull())
    .addUniqueConstraint('findings_snapshot_package_vulnerability', [
      'snapshot_id',
      'package_id',
      'vulnerability_id',
    ])
    .execute();
  await db.schema
    .createIndex('findings_vulnerability')
    .on('findings')
    .column('vulnerability_id')
    .execute();
  await db.schema
    .createIndex('findings_service')
    .on('findings')
    .columns(['service_id', 'priority'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('findings').execute();
  await db.schema.dropTable('vulnerabilities').execute();
  await db.schema.dropTable('advisory_packages').execute();
  await db.schema.dropTable('advisory_ids').execute();
  await db.schema.dropTable('advisories').execute();
}
