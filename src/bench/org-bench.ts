import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { whoUses } from '../queries/who-uses.js';
import { scan } from '../scan/scan.js';
import { migrateToLatest } from '../store/migrate.js';
import { openStore } from '../store/open-store.js';
import { percentile, seededRandom, timed } from './measure.js';
import type { SyntheticOrg } from './synthetic-org.js';
import { runNodeTimed } from './timed-process.js';

export interface LatencyFigures {
  p50: number;
  p95: number;
  p99: number;
}

export interface OrgFigures {
  dialect: string;
  services: number;
  packagesStored: number;
  scanWallS: number;
  scanCpuS: number;
  peakRssMb: number;
  servicesPerS: number;
  packagesPerS: number;
  databaseMb: number;
  unchangedRescanWallS: number;
  oneChangedServiceMs: number;
  whoUsesList: LatencyFigures;
  whoUsesPaths: LatencyFigures;
}

interface CliRun {
  wallS: number;
  cpuS: number;
  rssMb: number;
  summary: { services: { scanned: number }; packages: number };
}

function runCliScan(projectDir: string, db: string, target: string): CliRun {
  const cli = path.join(projectDir, 'bin', 'quartermaster.js');
  const run = runNodeTimed([cli, '--db', db, 'scan', target, '--json']);
  if (!run.stdout) {
    throw new Error(
      `scan of ${target} printed nothing: ${run.stderr.slice(-2000)}`,
    );
  }
  return {
    wallS: run.wallS,
    cpuS: run.cpuS,
    rssMb: run.rssMb,
    summary: JSON.parse(run.stdout) as CliRun['summary'],
  };
}

async function databaseMb(db: string): Promise<number> {
  if (!db.startsWith('postgres')) {
    const size = (f: string) =>
      statSync(f, { throwIfNoEntry: false })?.size ?? 0;
    return (size(db) + size(`${db}-wal`)) / 1e6;
  }
  const store = openStore(db);
  const row = await sql<{
    size: string;
  }>`select pg_database_size(current_database())::text as size`.execute(
    store.db,
  );
  await store.close();
  return Number(row.rows[0]!.size) / 1e6;
}

async function latencies(
  db: string,
  withPaths: boolean,
  names: string[],
): Promise<LatencyFigures> {
  const store = openStore(db);
  const samples: number[] = [];
  for (const name of names) {
    const [, t] = await timed(() =>
      whoUses(store.db, { name, paths: withPaths, limit: 50 }),
    );
    samples.push(t.wallMs);
  }
  await store.close();
  return {
    p50: percentile(samples, 50),
    p95: percentile(samples, 95),
    p99: percentile(samples, 99),
  };
}

async function samplePackageNames(
  db: string,
  count: number,
): Promise<string[]> {
  const store = openStore(db);
  const rows = await store.db
    .selectFrom('packages')
    .select('name')
    .distinct()
    .orderBy('name')
    .execute();
  await store.close();
  const random = seededRandom(7);
  return Array.from(
    { length: count },
    () => rows[Math.floor(random() * rows.length)]!.name,
  );
}

/** Changes one service's root package.json (breaking its hard link first). */
function touchService(dir: string): void {
  const file = path.join(dir, 'package.json');
  const text = readFileSync(file, 'utf8');
  rmSync(file);
  writeFileSync(
    file,
    text.replace(
      /"version":\s*"[^"]*"/,
      `"version": "9.9.${Date.now() % 1000}"`,
    ),
  );
}

/** Scans the synthetic organisation into one database and measures it. */
export async function benchOrganisation(options: {
  projectDir: string;
  org: SyntheticOrg;
  db: string;
  dialect: string;
}): Promise<OrgFigures> {
  const first = runCliScan(options.projectDir, options.db, options.org.root);
  const again = runCliScan(options.projectDir, options.db, options.org.root);

  const changed = options.org.services[0]!;
  touchService(changed.dir);
  const store = openStore(options.db);
  await migrateToLatest(store.db);
  const [, one] = await timed(() =>
    scan({ db: store.db, paths: [changed.dir] }),
  );
  await store.close();

  const names = await samplePackageNames(options.db, 200);
  return {
    dialect: options.dialect,
    services: first.summary.services.scanned,
    packagesStored: first.summary.packages,
    scanWallS: first.wallS,
    scanCpuS: first.cpuS,
    peakRssMb: first.rssMb,
    servicesPerS: first.summary.services.scanned / first.wallS,
    packagesPerS: first.summary.packages / first.wallS,
    databaseMb: await databaseMb(options.db),
    unchangedRescanWallS: again.wallS,
    oneChangedServiceMs: one.wallMs,
    whoUsesList: await latencies(options.db, false, names),
    whoUsesPaths: await latencies(options.db, true, names),
  };
}
