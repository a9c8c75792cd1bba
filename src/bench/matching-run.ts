/*
 * The matching benchmark's measured process (run by matching-bench.ts as a
 * child, so that its peak memory is its own). It works on a store the
 * organisation benchmark has already scanned, and prints its figures as JSON.
 *
 *   node dist/bench/matching-run.js --db URL --advisories DIR --synthetic ZIP --work DIR
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { importAdvisories } from '../advisories/import-advisories.js';
import { matchAll, matchSnapshots } from '../advisories/matching/match-all.js';
import { blastRadius } from '../store/advisories/blast-radius.js';
import { advisoryTables } from '../store/advisories/tables.js';
import type { QmDatabase } from '../store/database.js';
import { openStore } from '../store/open-store.js';
import { median, percentile, timed } from './measure.js';

export interface MatchPass {
  wallS: number;
  cpuS: number;
  findings: number;
  written: number;
}

/** Import, incremental match and blast radius of new advisories. */
export interface NewAdvisoryFigures {
  samples: number;
  p50Ms: number;
  maxMs: number;
  medianServices: number;
}

export interface MatchingRunFigures {
  services: number;
  realImport: { records: number; wallS: number };
  realMatch: { fromEmpty: MatchPass; again: MatchPass };
  syntheticImport: {
    records: number;
    wallS: number;
    cpuS: number;
    findings: number;
  };
  syntheticMatch: { fromEmpty: MatchPass; again: MatchPass };
  storedAdvisories: number;
  /** New advisories naming the ten packages most services use. */
  blastRadius: NewAdvisoryFigures;
  /** New advisories naming packages about 1% of services use. */
  blastRadiusTypical: NewAdvisoryFigures;
  oneService: {
    samples: number;
    p50Ms: number;
    p95Ms: number;
    maxMs: number;
    medianFindings: number;
  };
  steadyRssMb: number;
  heapUsedMb: number;
}

async function pass(db: QmDatabase): Promise<MatchPass> {
  const [summary, t] = await timed(() => matchAll(db));
  return {
    wallS: t.wallMs / 1000,
    cpuS: t.cpuMs / 1000,
    findings: summary.findings,
    written: summary.written ?? 0,
  };
}

async function clearFindings(db: QmDatabase): Promise<void> {
  await advisoryTables(db).deleteFrom('findings').execute();
}

/** Every name the current snapshots use, most used first. */
async function namesByUse(db: QmDatabase) {
  const rows = await db
    .selectFrom('snapshot_packages as sp')
    .innerJoin('services as s', 's.current_snapshot_id', 'sp.snapshot_id')
    .innerJoin('packages as p', 'p.id', 'sp.package_id')
    .select(['p.ecosystem', 'p.name'])
    .select((eb) => eb.fn.count<number>('sp.snapshot_id').distinct().as('uses'))
    .where('p.version', 'is not', null)
    .groupBy(['p.ecosystem', 'p.name'])
    .execute();
  return rows
    .map((r) => ({
      ecosystem: r.ecosystem,
      name: r.name,
      uses: Number(r.uses),
    }))
    .sort((a, b) => b.uses - a.uses || a.name.localeCompare(b.name));
}

/** `count` names whose use is nearest to `uses` services. */
function namesNear(
  names: ReadonlyArray<{ ecosystem: string; name: string; uses: number }>,
  uses: number,
  count: number,
) {
  return [...names]
    .sort((a, b) => Math.abs(a.uses - uses) - Math.abs(b.uses - uses))
    .slice(0, count);
}

/** A new advisory naming a package many services use, every version affected. */
function newAdvisory(id: string, ecosystem: string, name: string): object {
  return {
    schema_version: '1.6.0',
    id,
    modified: new Date().toISOString(),
    published: new Date().toISOString(),
    summary: `Benchmark advisory for ${name}`,
    severity: [
      {
        type: 'CVSS_V3',
        score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
      },
    ],
    affected: [
      {
        package: { ecosystem, name },
        ranges: [
          {
            type: ecosystem === 'npm' ? 'SEMVER' : 'ECOSYSTEM',
            events: [{ introduced: '0' }],
          },
        ],
      },
    ],
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      db: { type: 'string' },
      advisories: { type: 'string' },
      synthetic: { type: 'string' },
      work: { type: 'string' },
    },
  });
  const store = openStore(values.db!);
  const db = store.db;
  const services = await db
    .selectFrom('services')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('current_snapshot_id', 'is not', null)
    .executeTakeFirstOrThrow();

  const [real, realT] = await timed(() =>
    importAdvisories(db, values.advisories!, { match: false }),
  );
  const realMatch = { fromEmpty: await pass(db), again: await pass(db) };

  const [synthetic, syntheticT] = await timed(() =>
    importAdvisories(db, values.synthetic!),
  );
  await clearFindings(db);
  const syntheticMatch = { fromEmpty: await pass(db), again: await pass(db) };
  const stored = await advisoryTables(db)
    .selectFrom('advisories')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();

  // A new advisory lands: import it (with its incremental match), then ask
  // for its blast radius. The worst case names the ten packages most
  // services use; the typical one names packages about 1% of services use.
  const names = await namesByUse(db);
  const newAdvisories = async (
    label: string,
    picked: ReadonlyArray<{ ecosystem: string; name: string }>,
  ) => {
    const times: number[] = [];
    const reached: number[] = [];
    for (const [i, pkg] of picked.entries()) {
      const id = `QMNEW-${label}-${i}`;
      const file = path.join(values.work!, `${id}.json`);
      writeFileSync(
        file,
        JSON.stringify(newAdvisory(id, pkg.ecosystem, pkg.name)),
      );
      const [radius, t] = await timed(async () => {
        await importAdvisories(db, file);
        return blastRadius(db, id);
      });
      times.push(t.wallMs);
      reached.push(radius.services.length);
    }
    return {
      samples: times.length,
      p50Ms: median(times),
      maxMs: Math.max(...times),
      medianServices: median(reached),
    };
  };
  const blast = await newAdvisories('top', names.slice(0, 10));
  const typicalUses = Math.max(2, Math.round(Number(services.n) / 100));
  const blastTypical = await newAdvisories(
    'typical',
    namesNear(names.slice(10), typicalUses, 10),
  );

  // A service re-scanned: its new snapshot has no findings yet; match it alone.
  const targets = await db
    .selectFrom('services')
    .select(['id', 'current_snapshot_id'])
    .where('current_snapshot_id', 'is not', null)
    .orderBy('id')
    .execute();
  const one: number[] = [];
  const oneFindings: number[] = [];
  const step = Math.max(1, Math.floor(targets.length / 20));
  for (let i = 0; i < targets.length && one.length < 20; i += step) {
    const snapshotId = targets[i]!.current_snapshot_id as number;
    await advisoryTables(db)
      .deleteFrom('findings')
      .where('snapshot_id', '=', snapshotId)
      .execute();
    const [summary, t] = await timed(() => matchSnapshots(db, [snapshotId]));
    one.push(t.wallMs);
    oneFindings.push(summary.findings);
  }

  globalThis.gc?.();
  const memory = process.memoryUsage();
  const figures: MatchingRunFigures = {
    services: Number(services.n),
    realImport: { records: real.records, wallS: realT.wallMs / 1000 },
    realMatch,
    syntheticImport: {
      records: synthetic.records,
      wallS: syntheticT.wallMs / 1000,
      cpuS: syntheticT.cpuMs / 1000,
      findings: synthetic.findings,
    },
    syntheticMatch,
    storedAdvisories: Number(stored.n),
    blastRadius: blast,
    blastRadiusTypical: blastTypical,
    oneService: {
      samples: one.length,
      p50Ms: median(one),
      p95Ms: percentile(one, 95),
      maxMs: Math.max(...one),
      medianFindings: median(oneFindings),
    },
    steadyRssMb: memory.rss / 2 ** 20,
    heapUsedMb: memory.heapUsed / 2 ** 20,
  };
  await store.close();
  process.stdout.write(JSON.stringify(figures));
}

await main();
