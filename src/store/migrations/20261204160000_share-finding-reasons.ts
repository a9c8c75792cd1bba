import { sql, type Kysely } from 'kysely';
import { idColumn } from './id-column.js';

/**
 * A finding's priority reasons (a JSON list of sentences, about 140 bytes)
 * were more than half of its row, and a match writes hundreds of thousands
 * of rows with a few hundred distinct lists: the lists move to their own
 * table and findings keep its id. Writes and reads of findings move about
 * half the bytes, and comparing a stored finding with a fresh one compares
 * an integer.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('finding_reasons')
    .addColumn('id', 'integer', idColumn(db))
    .addColumn('reasons', 'text', (c) => c.notNull().unique())
    .execute();
  await sql`insert into finding_reasons (reasons)
    select distinct reasons from findings`.execute(db);
  await db.schema
    .alterTable('findings')
    .addColumn('reasons_id', 'integer')
    .execute();
  await sql`update findings set reasons_id = (
    select r.id from finding_reasons r where r.reasons = findings.reasons)`.execute(
    db,
  );
  await db.schema.alterTable('findings').dropColumn('reasons').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('findings')
    .addColumn('reasons', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
  await sql`update findings set reasons = (
    select r.reasons from finding_reasons r where r.id = findings.reasons_id)`.execute(
    db,
  );
  await db.schema.alterTable('findings').dropColumn('reasons_id').execute();
  await db.schema.dropTable('finding_reasons').execute();
}
