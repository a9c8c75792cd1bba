import { sql } from 'kysely';
import type { QmDatabase } from '../database.js';
import { chunk } from '../dialect.js';
import type { PackageKeyRef } from './read-vulnerabilities.js';
import { advisoryTables } from './tables.js';

const LOOKUP_CHUNK = 500;

/**
 * Current snapshots of services not retired. With `packages`, only those
 * holding one of these packages (npm names compared without case, as
 * packageKey does).
 */
export async function findCurrentSnapshots(
  db: QmDatabase,
  packages?: readonly PackageKeyRef[],
): Promise<number[]> {
  const base = db
    .selectFrom('services as s')
    .select('s.current_snapshot_id as id')
    .where('s.current_snapshot_id', 'is not', null)
    .where('s.retired_at', 'is', null);
  if (!packages) {
    const rows = await base.execute();
    return rows.map((r) => r.id as number);
  }
  const ids = new Set<number>();
  for (const part of chunk([...packages], LOOKUP_CHUNK)) {
    const rows = await base
      .innerJoin(
        'snapshot_packages as sp',
        'sp.snapshot_id',
        's.current_snapshot_id',
      )
      .innerJoin('packages as p', 'p.id', 'sp.package_id')
      .distinct()
      .where((eb) =>
        eb.or(
          part.map((k) =>
            eb.and([
              eb('p.ecosystem', '=', k.ecosystem),
              k.ecosystem === 'npm'
                ? eb(sql<string>`lower(p.name)`, '=', k.nameKey)
                : eb('p.name', '=', k.nameKey),
            ]),
          ),
        ),
      )
      .execute();
    for (const row of rows) ids.add(row.id as number);
  }
  return [...ids];
}

/** Snapshots that hold findings of these vulnerabilities. */
export async function findSnapshotsWithFindings(
  db: QmDatabase,
  vulnerabilityIds: readonly string[],
): Promise<number[]> {
  const ids = new Set<number>();
  for (const part of chunk([...vulnerabilityIds], LOOKUP_CHUNK)) {
    const rows = await advisoryTables(db)
      .selectFrom('findings')
      .select('snapshot_id')
      .distinct()
      .where('vulnerability_id', 'in', part)
      .execute();
    for (const row of rows) ids.add(row.snapshot_id);
  }
  return [...ids];
}
