import { sql } from 'kysely';
import type { EcosystemName } from '../../core/model.js';
import type { QmDatabase } from '../database.js';
import { memberOf } from '../bulk-sql.js';
import type { PackageKeyRef } from './read-vulnerabilities.js';

/** A stored package version that matching checks against advisories. */
export interface CandidatePackage {
  packageId: number;
  ecosystem: EcosystemName;
  name: string;
  version: string;
}

/** Where the candidates come from. */
export type CandidateSource =
  | { snapshotIds: readonly number[] }
  | { keys: readonly PackageKeyRef[] }
  | 'all';

/**
 * Package versions to match: those of some snapshots, those an advisory
 * names (npm names compared case-folded, as packageKey keys them), or every
 * stored version. Packages without a version (declared ranges) are left out.
 */
export async function readCandidatePackages(
  db: QmDatabase,
  source: CandidateSource,
): Promise<CandidatePackage[]> {
  let query = db
    .selectFrom('packages as p')
    .select(['p.id', 'p.ecosystem', 'p.name', 'p.version'])
    .where('p.version', 'is not', null);
  if (source !== 'all' && 'snapshotIds' in source) {
    if (source.snapshotIds.length === 0) return [];
    query = query.where('p.id', 'in', (eb) =>
      eb
        .selectFrom('snapshot_packages as sp')
        .select('sp.package_id')
        .where(memberOf(db, 'sp.snapshot_id', source.snapshotIds, 'int')),
    );
  } else if (source !== 'all') {
    const byEcosystem = new Map<string, string[]>();
    for (const key of source.keys) {
      const keys = byEcosystem.get(key.ecosystem);
      if (keys) keys.push(key.nameKey);
      else byEcosystem.set(key.ecosystem, [key.nameKey]);
    }
    if (byEcosystem.size === 0) return [];
    query = query.where((eb) =>
      eb.or(
        [...byEcosystem].map(([ecosystem, keys]) =>
          eb.and([
            eb('p.ecosystem', '=', ecosystem),
            ecosystem === 'npm'
              ? memberOf(db, sql`lower(p.name)`, keys, 'text')
              : memberOf(db, 'p.name', keys, 'text'),
          ]),
        ),
      ),
    );
  }
  const rows = await query.execute();
  return rows.map((r) => ({
    packageId: r.id,
    ecosystem: r.ecosystem as EcosystemName,
    name: r.name,
    version: r.version as string,
  }));
}
