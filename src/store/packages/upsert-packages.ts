import type { GraphPackage } from '../../core/model.js';
import type { QmDatabase } from '../database.js';
import { chunk, rowsPerInsert } from '../dialect.js';

type PackageIdentity = Pick<
  GraphPackage,
  'ecosystem' | 'name' | 'version' | 'purl'
>;

// IN lists stay far below both dialects' parameter limits.
const LOOKUP_CHUNK = 1000;

/**
 * Makes sure every package version exists (one row per purl, org-wide) and
 * returns purl → id. Batched multi-row inserts that skip known purls, then
 * one select per chunk, so concurrent scans cannot create duplicates.
 */
export async function upsertPackages(
  db: QmDatabase,
  packages: readonly PackageIdentity[],
): Promise<Map<string, number>> {
  const unique = new Map<string, PackageIdentity>();
  for (const p of packages) if (!unique.has(p.purl)) unique.set(p.purl, p);
  const rows = [...unique.values()].map((p) => ({
    ecosystem: p.ecosystem,
    name: p.name,
    version: p.version,
    purl: p.purl,
  }));

  for (const part of chunk(rows, Math.min(rowsPerInsert(4), LOOKUP_CHUNK))) {
    await db
      .insertInto('packages')
      .values(part)
      .onConflict((oc) => oc.column('purl').doNothing())
      .execute();
  }

  const ids = new Map<string, number>();
  for (const part of chunk([...unique.keys()], LOOKUP_CHUNK)) {
    const found = await db
      .selectFrom('packages')
      .select(['id', 'purl'])
      .where('purl', 'in', part)
      .execute();
    for (const row of found) ids.set(row.purl, row.id);
  }
  return ids;
}
