import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { beforeAll, describe, expect, test } from 'vitest';
import { graphOf, serviceRecord } from '../store/__fixtures__/graphs.js';
import { serviceGraph } from './__fixtures__/synthetic-org.js';
import type { QmDatabase } from '../store/database.js';
import { upsertService } from '../store/services/upsert-service.js';
import { writeSnapshot } from '../store/services/write-snapshot.js';
import { TEST_DIALECTS, useTestStore } from '../test-support/databases.js';
import { whoUses, type WhoUsesOptions } from './who-uses.js';

/*
 * Who-uses at organisation scale: QM_PERF=1 runs it (minutes, not for CI).
 * QM_PERF_SERVICES services (default 2,000) of 1,500 packages each, drawn
 * from 6,000 names × 3 versions; the first 200 names are in every service.
 * 100 distinct graphs are written; the other services copy one of them.
 * Targets: the list p95 < 20 ms, a page of 50 with paths p95 < 100 ms.
 */
const SERVICES = Number(process.env.QM_PERF_SERVICES ?? 2000);
// Distinct graphs written through writeSnapshot; the other services copy
// one of them inside the database, which keeps seeding to minutes.
const DISTINCT = Math.min(SERVICES, 100);

function service(s: number) {
  return serviceRecord(`service-${String(s).padStart(4, '0')}`, {
    owner: `group:default/squad-${s % 40}`,
  });
}

async function cloneSnapshot(
  db: QmDatabase,
  record: ReturnType<typeof service>,
  template: number,
): Promise<void> {
  const serviceId = await upsertService(db, {
    service: record,
    scanId: null,
    seenAt: new Date().toISOString(),
  });
  const source = await db
    .selectFrom('services')
    .select('current_snapshot_id')
    .where('name', '=', service(template).name)
    .executeTakeFirstOrThrow();
  const from = source.current_snapshot_id!;
  const snapshot = await db
    .insertInto('snapshots')
    .columns([
      'service_id',
      'taken_at',
      'content_hash',
      'package_count',
      'edge_count',
      'roots',
      'edges',
    ])
    .expression((eb) =>
      eb
        .selectFrom('snapshots')
        .select([
          eb.val(serviceId).as('service_id'),
          'taken_at',
          'content_hash',
          'package_count',
          'edge_count',
          'roots',
          'edges',
        ])
        .where('id', '=', from),
    )
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('snapshot_packages')
    .columns([
      'snapshot_id',
      'node',
      'package_id',
      'scope',
      'direct',
      'source',
      'file',
    ])
    .expression((eb) =>
      eb
        .selectFrom('snapshot_packages')
        .select([
          eb.val(snapshot.id).as('snapshot_id'),
          'node',
          'package_id',
          'scope',
          'direct',
          'source',
          'file',
        ])
        .where('snapshot_id', '=', from),
    )
    .execute();
  await db
    .updateTable('services')
    .set({ current_snapshot_id: snapshot.id })
    .where('id', '=', serviceId)
    .execute();
}

// The numbers are the point of this file; vitest shows stdout.
function report(line: string): void {
  process.stdout.write(`${line}\n`);
}

async function measure(
  run: () => Promise<unknown>,
  times = 40,
): Promise<{ median: number; p95: number }> {
  for (let i = 0; i < 3; i++) await run();
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const start = performance.now();
    await run();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return {
    median: samples[Math.floor(times / 2)]!,
    p95: samples[Math.floor(times * 0.95)]!,
  };
}

describe.skipIf(!process.env.QM_PERF).each(TEST_DIALECTS)(
  'whoUses at scale on %s',
  (dialect) => {
    const store = useTestStore(dialect, { per: 'file' });
    beforeAll(async () => {
      const start = performance.now();
      for (let s = 0; s < DISTINCT; s++) {
        await writeSnapshot(store.db, {
          scanId: null,
          service: service(s),
          graph: graphOf(serviceGraph(s + 1)),
          contentHash: String(s),
          takenAt: new Date(),
        });
      }
      const each = (performance.now() - start) / DISTINCT;
      report(`${dialect}: write ${each.toFixed(1)} ms per service`);
      for (let s = DISTINCT; s < SERVICES; s++) {
        await cloneSnapshot(store.db, service(s), s % DISTINCT);
      }
      // Planner statistics, as autovacuum (or PRAGMA optimize) would
      // gather them on a store that has lived a while.
      await sql`analyze`.execute(store.db);
    }, 3_600_000);

    const cases: [string, WhoUsesOptions, number][] = [
      ['list of services', { name: 'pkg-7' }, 20],
      ['every service, no page', { name: 'pkg-7', limit: SERVICES }, 20],
      ['a rare package', { name: 'pkg-5999' }, 20],
      ['a range', { name: 'pkg-7', version: '<1.2.0' }, 20],
      ['a page with paths', { name: 'pkg-7', paths: true }, 100],
      ['a deep package with paths', { name: 'pkg-4000', paths: true }, 100],
    ];
    test.each(cases)('answer %s in time', async (label, options, target) => {
      const result = await whoUses(store.db, options);
      const time = await measure(() => whoUses(store.db, options));

      report(
        `${dialect}: ${label}: median ${time.median.toFixed(1)} ms, ` +
          `p95 ${time.p95.toFixed(1)} ms ` +
          `(${result.total} services, ${result.services.length} listed)`,
      );
      expect(result.total).toBeGreaterThan(0);
      expect(time.p95).toBeLessThan(target);
    });
  },
);
