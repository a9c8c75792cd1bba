import type { EcosystemName } from '../../core/model.js';
import type { QmDatabase } from '../../store/database.js';

/** The distinct ecosystems of the current snapshots of live services. */
export async function inventoryEcosystems(
  db: QmDatabase,
): Promise<EcosystemName[]> {
  const rows = await db
    .selectFrom('services as s')
    .innerJoin(
      'snapshot_packages as sp',
      'sp.snapshot_id',
      's.current_snapshot_id',
    )
    .innerJoin('packages as p', 'p.id', 'sp.package_id')
    .select('p.ecosystem')
    .distinct()
    .where('s.retired_at', 'is', null)
    .execute();
  return rows.map((r) => r.ecosystem as EcosystemName).sort();
}
