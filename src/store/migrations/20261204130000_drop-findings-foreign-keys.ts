import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../dialect.js';
import { idColumn } from './id-column.js';

const COLUMNS =
  'id, service_id, snapshot_id, package_id, vulnerability_id, direct, depth, paths, scope, first_seen, fixed_versions, severity, priority, points, reasons';

/**
 * Findings lose their foreign keys to services, snapshots and packages, as
 * snapshot_packages never had them: matching writes findings only from ids
 * it has just read, nothing deletes services, snapshots or packages, and on
 * PostgreSQL checking three keys per row was two thirds of writing half a
 * million findings (7.0 s against 2.2 s for the same rows). SQLite cannot
 * drop a constraint, so the table is rebuilt there, rows and ids kept.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (dialectOf(db) === 'postgres') {
    await sql`alter table findings
      drop constraint if exists findings_service_id_fkey,
      drop constraint if exists findings_snapshot_id_fkey,
      drop constraint if exists findings_package_id_fkey`.execute(db);
    return;
  }
  await rebuildFindings(db, false);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (dialectOf(db) === 'postgres') {
    await sql`alter table findings
      add constraint findings_service_id_fkey foreign key (service_id) references services (id),
      add constraint findings_snapshot_id_fkey foreign key (snapshot_id) references snapshots (id) on delete cascade,
      add constraint findings_package_id_fkey foreign key (package_id) references packages (id)`.execute(
      db,
    );
    return;
  }
  await rebuildFindings(db, true);
}

/** SQLite: the findings table made anew, rows and ids copied over. */
async function rebuildFindings(
  db: Kysely<unknown>,
  withKeys: boolean,
): Promise<void> {
  await createFindings(db, 'findings_rebuilt', withKeys);
  await sql`insert into findings_rebuilt (${sql.raw(COLUMNS)})
    select ${sql.raw(COLUMNS)} from findings`.execute(db);
  await db.schema.dropTable('findings').execute();
  await sql`alter table findings_rebuilt rename to findings`.execute(db);
  await createVulnerabilityIndex(db);
}

/** The findings table as 20261203170000 made it, with or without its keys. */
async function createFindings(
  db: Kysely<unknown>,
  name: string,
  withKeys: boolean,
): Promise<void> {
  await db.schema
    .createTable(name)
    .addColumn('id', 'integer', idColumn(db))
    .addColumn('service_id', 'integer', (c) =>
      withKeys ? c.notNull().references('services.id') : c.notNull(),
    )
    .addColumn('snapshot_id', 'integer', (c) =>
      withKeys
        ? c.notNull().references('snapshots.id').onDelete('cascade')
        : c.notNull(),
    )
    .addColumn('package_id', 'integer', (c) =>
      withKeys ? c.notNull().references('packages.id') : c.notNull(),
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
}

async function createVulnerabilityIndex(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('findings_vulnerability')
    .on('findings')
    .column('vulnerability_id')
    .execute();
}
