import { performance } from 'node:perf_hooks';
import { beforeAll, describe, expect, test } from 'vitest';
import { graphOf, serviceRecord } from '../store/__fixtures__/graphs.js';
import { serviceGraph } from './__fixtures__/synthetic-org.js';
import { writeSnapshot } from '../store/services/write-snapshot.js';
import { TEST_DIALECTS, useTestStore } from '../test-support/databases.js';
import { whoUses, type WhoUsesOptions } from './who-uses.js';

/*
 * Who-uses at organisation scale: QM_PERF=1 runs it (minutes, not for CI).
 * QM_PERF_SERVICES services (default 2,000) of 1,500 packages each, drawn
 * from 6,000 names × 3 versions; the first 200 names are in every service.
 * Targets: the list p95 < 20 ms, a page of 50 with paths p95 < 100 ms.
 */
const SERVICES = Number(process.env.QM_PERF_SERVICES ?? 2000);

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
      for (let s = 0; s < SERVICES; s++) {
        await writeSnapshot(store.db, {
          scanId: null,
          service: serviceRecord(`service-${s}`, {
            owner: `group:default/squad-${s % 40}`,
          }),
          graph: graphOf(serviceGraph(s + 1)),
          contentHash: String(s),
          takenAt: new Date(),
        });
      }
      const each = (performance.now() - start) / SERVICES;
      report(`${dialect}: write ${each.toFixed(1)} ms per service`);
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
