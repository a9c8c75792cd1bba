import type { GraphPackage } from '../../core/model.js';
import { bulkInsert, selectWhereIn } from '../bulk-sql.js';
import type { QmDatabase } from '../database.js';

type PackageIdentity = Pick<
  GraphPackage,
  'ecosystem' | 'name' | 'version' | 'purl'
>;

/**
 * Makes sure every package version exists (one row per purl, org-wide) and
 * returns purl → id. Known purls are looked up first, since a rescan mostly
 * meets them again; the rest go in with one bulk insert that skips purls a
 * concurrent scan added meanwhile, then are looked up in turn.
 */
export async function upsertPackages(
  db: QmDatabase,
  packages: readonly PackageIdentity[],
): Promise<Map<string, number>> {
  const unique = new Map<string, PackageIdentity>();
  for (const p of packages) if (!unique.has(p.purl)) unique.set(p.purl, p);

  const ids = await lookUp(db, [...unique.keys()]);
  const missing = [...unique.values()].filter((p) => !ids.has(p.purl));
  if (missing.length === 0) return ids;

  await bulkInsert(db, {
    table: 'packages',
    columns: [
      { name: 'ecosystem', type: 'text' },
      { name: 'name', type: 'text' },
      { name: 'version', type: 'text' },
      { name: 'purl', type: 'text' },
    ],
    rows: missing.map((p) => [p.ecosystem, p.name, p.version, p.purl]),
    suffix: 'on conflict (purl) do nothing',
  });
  const added = await lookUp(
    db,
    missing.map((p) => p.purl),
  );
  for (const [purl, id] of added) ids.set(purl, id);
  return ids;
}

async function lookUp(
  db: QmDatabase,
  purls: string[],
): Promise<Map<string, number>> {
  const rows = await selectWhereIn<{ id: number; purl: string }>(
    db,
    { table: 'packages', columns: 'id, purl', column: 'purl' },
    purls,
  );
  return new Map(rows.map((r) => [r.purl, r.id]));
}
