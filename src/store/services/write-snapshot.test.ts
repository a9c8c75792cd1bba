import { describe, expect, test } from 'vitest';
import { InputError } from '../../core/errors.js';
import { TEST_DIALECTS, useTestStore } from '../../test-support/databases.js';
import { graphOf, serviceRecord } from '../__fixtures__/graphs.js';
import type { QmDatabase } from '../database.js';
import { startScan } from '../scans/start-scan.js';
import { decodeEdges } from '../snapshot-graph.js';
import { readContentHash } from './read-content-hash.js';
import { writeSnapshot } from './write-snapshot.js';

const lodash = { name: 'lodash', version: '4.17.21', direct: true };
const express = { name: 'express', version: '4.19.2', direct: true };
const ms = { name: 'ms', version: '2.1.3' };

async function currentRows(db: QmDatabase, name: string) {
  return db
    .selectFrom('services as s')
    .innerJoin(
      'snapshot_packages as sp',
      'sp.snapshot_id',
      's.current_snapshot_id',
    )
    .innerJoin('packages as p', 'p.id', 'sp.package_id')
    .select(['p.purl', 'sp.node', 'sp.direct', 'sp.scope', 'p.id'])
    .where('s.name', '=', name)
    .orderBy('sp.node')
    .execute();
}

describe.each(TEST_DIALECTS)('writeSnapshot on %s', (dialect) => {
  const store = useTestStore(dialect);

  test('store a snapshot that reads back with its packages and edges', async () => {
    const scanId = await startScan(store.db, '2026-12-01T10:00:00.000Z');
    const graph = graphOf({
      packages: [express, ms],
      edges: [
        ['root', 'express@4.19.2'],
        ['express@4.19.2', 'ms@2.1.3'],
      ],
    });

    const written = await writeSnapshot(store.db, {
      scanId,
      service: serviceRecord('checkout', { owner: 'group:default/payments' }),
      graph,
      contentHash: 'h1',
      gitCommit: 'abc123',
      takenAt: '2026-12-01T10:00:01.000Z',
    });

    const rows = await currentRows(store.db, 'checkout');
    expect(rows.map((r) => [r.purl, r.node, r.direct])).toEqual([
      ['pkg:npm/express@4.19.2', 1, 1],
      ['pkg:npm/ms@2.1.3', 2, 0],
    ]);
    const snapshot = await store.db
      .selectFrom('snapshots')
      .selectAll()
      .where('id', '=', written.snapshotId)
      .executeTakeFirstOrThrow();
    // Node 0 is the root, 1 express, 2 ms: edges root→express, express→ms.
    expect([...decodeEdges(snapshot.edges)]).toEqual([0, 1, 1, 2]);
    expect(snapshot.git_commit).toBe('abc123');
    expect(snapshot.package_count).toBe(2);
    const service = await store.db
      .selectFrom('services')
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(service.owner).toBe('group:default/payments');
    expect(service.current_snapshot_id).toBe(written.snapshotId);
  });

  test('share one package row between services that use the same version', async () => {
    const scanId = await startScan(store.db);
    const write = (name: string, packages: (typeof lodash)[]) =>
      writeSnapshot(store.db, {
        scanId,
        service: serviceRecord(name),
        graph: graphOf({ packages }),
        contentHash: name,
        takenAt: new Date(),
      });

    await write('a', [lodash, express]);
    await write('b', [lodash]);

    const a = await currentRows(store.db, 'a');
    const b = await currentRows(store.db, 'b');
    expect(b[0]!.id).toBe(a.find((r) => r.purl === b[0]!.purl)!.id);
    const count = await store.db
      .selectFrom('packages')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(2);
  });

  test('keep the previous snapshot current when a write fails halfway', async () => {
    const scanId = await startScan(store.db);
    const first = await writeSnapshot(store.db, {
      scanId,
      service: serviceRecord('cart', { title: 'Cart v1' }),
      graph: graphOf({ packages: [lodash] }),
      contentHash: 'v1',
      takenAt: new Date(),
    });
    // The service row and the new package are written before the edge
    // check fails, so the rollback has something to undo.
    const broken = graphOf({
      packages: [lodash, { name: 'left-pad', version: '1.3.0' }],
      edges: [['root', 'missing@1.0.0']],
    });

    const attempt = writeSnapshot(store.db, {
      scanId,
      service: serviceRecord('cart', { title: 'Cart v2' }),
      graph: broken,
      contentHash: 'v2',
      takenAt: new Date(),
    });

    await expect(attempt).rejects.toBeInstanceOf(InputError);
    await expect(attempt).rejects.toMatchObject({
      code: 'ERR_SNAPSHOT_EDGE_UNKNOWN',
    });
    const current = await readContentHash(store.db, {
      namespace: 'default',
      name: 'cart',
    });
    expect(current).toMatchObject({
      snapshotId: first.snapshotId,
      contentHash: 'v1',
    });
    const service = await store.db
      .selectFrom('services')
      .select('title')
      .executeTakeFirstOrThrow();
    expect(service.title).toBe('Cart v1');
    const leftPad = await store.db
      .selectFrom('packages')
      .select('id')
      .where('name', '=', 'left-pad')
      .execute();
    expect(leftPad).toEqual([]);
    const snapshots = await store.db
      .selectFrom('snapshots')
      .select('id')
      .execute();
    expect(snapshots).toHaveLength(1);
  });

  test('reject a graph whose keys repeat', async () => {
    const graph = graphOf({ packages: [lodash, lodash] });

    const attempt = writeSnapshot(store.db, {
      scanId: null,
      service: serviceRecord('dup'),
      graph,
      contentHash: 'x',
      takenAt: new Date(),
    });

    await expect(attempt).rejects.toMatchObject({
      code: 'ERR_SNAPSHOT_DUPLICATE_KEY',
    });
  });

  test('write a large graph in several insert batches', async () => {
    // 7,000 rows exceed one batch of either dialect (3,000 rows of 10 columns).
    const packages = Array.from({ length: 7000 }, (_, i) => ({
      name: `pkg-${i}`,
      version: '1.0.0',
      direct: i < 10,
    }));
    const edges = packages.map((_, i): [string, string] => [
      i < 10 ? 'root' : `pkg-${i % 10}@1.0.0`,
      `pkg-${i}@1.0.0`,
    ]);

    const written = await writeSnapshot(store.db, {
      scanId: null,
      service: serviceRecord('big'),
      graph: graphOf({ packages, edges }),
      contentHash: 'big',
      takenAt: new Date(),
    });

    const rows = await currentRows(store.db, 'big');
    expect(written.packageCount).toBe(7000);
    expect(rows).toHaveLength(7000);
    expect(new Set(rows.map((r) => r.node)).size).toBe(7000);
  });
});
