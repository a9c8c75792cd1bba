import type { Kysely } from 'kysely';
import { dialectOf } from '../dialect.js';

/** CISA KEV entries and EPSS scores, by CVE id, replaced on each import. */
export async function up(db: Kysely<unknown>): Promise<void> {
  // float4 would turn an EPSS of 0.99999 into 0.99998999 on PostgreSQL.
  const real = dialectOf(db) === 'postgres' ? 'double precision' : 'real';
  await db.schema
    .createTable('kev_entries')
    .addColumn('cve', 'text', (c) => c.primaryKey())
    .addColumn('date_added', 'text')
    .addColumn('due_date', 'text')
    .addColumn('ransomware', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createTable('epss_scores')
    .addColumn('cve', 'text', (c) => c.primaryKey())
    .addColumn('epss', real, (c) => c.notNull())
    .addColumn('percentile', real, (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('epss_scores').execute();
  await db.schema.dropTable('kev_entries').execute();
}
