import path from 'node:path';
import type { EcosystemName } from '../core/model.js';
import { openStore } from '../store/open-store.js';
import type { MatchingRunFigures } from './matching-run.js';
import type { UsedPackageName } from './synthetic-advisories.js';
import { runNodeTimed } from './timed-process.js';

/** The matching figures of one database, with the measured process's peak memory. */
export interface MatchingFigures extends MatchingRunFigures {
  dialect: string;
  peakRssMb: number;
  syntheticZipMb: number;
}

/**
 * Names the scanned organisation uses, weighted by how many services use
 * them, for the synthetic advisories to name.
 */
export async function usedPackageNames(db: string): Promise<UsedPackageName[]> {
  const store = openStore(db);
  try {
    const rows = await store.db
      .selectFrom('snapshot_packages as sp')
      .innerJoin('services as s', 's.current_snapshot_id', 'sp.snapshot_id')
      .innerJoin('packages as p', 'p.id', 'sp.package_id')
      .select(['p.ecosystem', 'p.name'])
      .select((eb) =>
        eb.fn.count<number>('sp.snapshot_id').distinct().as('uses'),
      )
      .where('p.version', 'is not', null)
      .groupBy(['p.ecosystem', 'p.name'])
      .execute();
    return rows.map((r) => ({
      ecosystem: r.ecosystem as EcosystemName,
      name: r.name,
      weight: Number(r.uses),
    }));
  } finally {
    await store.close();
  }
}

/**
 * Runs the matching benchmark (matching-run.ts) on a store the organisation
 * benchmark scanned, in a child process under /usr/bin/time.
 */
export function benchMatching(options: {
  projectDir: string;
  db: string;
  dialect: string;
  advisoriesDir: string;
  syntheticZip: string;
  syntheticZipBytes: number;
  work: string;
}): MatchingFigures {
  const run = runNodeTimed([
    '--expose-gc',
    path.join(options.projectDir, 'dist', 'bench', 'matching-run.js'),
    '--db',
    options.db,
    '--advisories',
    options.advisoriesDir,
    '--synthetic',
    options.syntheticZip,
    '--work',
    options.work,
  ]);
  if (run.status !== 0 || !run.stdout)
    throw new Error(
      `matching benchmark on ${options.dialect} failed: ${run.stderr.slice(-2000)}`,
    );
  return {
    ...(JSON.parse(run.stdout) as MatchingRunFigures),
    dialect: options.dialect,
    peakRssMb: run.rssMb,
    syntheticZipMb: options.syntheticZipBytes / 1e6,
  };
}
