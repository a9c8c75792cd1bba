import { describe, expect, test } from 'vitest';
import { TEST_DIALECTS, useTestStore } from '../../test-support/databases.js';
import { graphOf, serviceRecord } from '../__fixtures__/graphs.js';
import type { QmDatabase } from '../database.js';
import { startScan } from '../scans/start-scan.js';
import { markServiceSeen } from './mark-service-seen.js';
import { readContentHash } from './read-content-hash.js';
import { retireUnseenServices } from './retire-unseen-services.js';
import { writeSnapshot } from './write-snapshot.js';

const graph = graphOf({
  packages: [{ name: 'lodash', version: '4.17.21', direct: true }],
});

async function write(
  db: QmDatabase,
  scanId: number,
  name: string,
  hash: string,
) {
  return writeSnapshot(db, {
    scanId,
    service: serviceRecord(name),
    graph,
    contentHash: hash,
    takenAt: new Date(),
  });
}

function countSnapshots(db: QmDatabase) {
  return db
    .selectFrom('snapshots')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow()
    .then((r) => Number(r.n));
}

describe.each(TEST_DIALECTS)('service lifecycle on %s', (dialect) => {
  const store = useTestStore(dialect);

  test('read nothing for a service never written', async () => {
    const found = await readContentHash(store.db, {
      namespace: 'default',
      name: 'nobody',
    });

    expect(found).toBeUndefined();
  });

  test('skip an unchanged service by its content hash and only mark it seen', async () => {
    const first = await startScan(store.db, '2026-12-01T00:00:00.000Z');
    const written = await write(store.db, first, 'cart', 'h1');
    const second = await startScan(store.db, '2026-12-02T00:00:00.000Z');

    const current = await readContentHash(store.db, {
      namespace: 'default',
      name: 'cart',
    });
    await markServiceSeen(store.db, {
      scanId: second,
      service: serviceRecord('cart', { owner: 'group:default/new-team' }),
      seenAt: '2026-12-02T00:00:05.000Z',
    });

    expect(current).toEqual({
      serviceId: written.serviceId,
      snapshotId: written.snapshotId,
      contentHash: 'h1',
      retired: false,
    });
    const row = await store.db
      .selectFrom('services')
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      last_scan_id: second,
      last_seen: '2026-12-02T00:00:05.000Z',
      owner: 'group:default/new-team',
      current_snapshot_id: written.snapshotId,
    });
    expect(await countSnapshots(store.db)).toBe(1);
  });

  test('retire unseen services of the repository without deleting them', async () => {
    const first = await startScan(store.db);
    await write(store.db, first, 'kept', 'k');
    await write(store.db, first, 'gone', 'g');
    const second = await startScan(store.db);
    await write(store.db, second, 'kept', 'k2');

    const retired = await retireUnseenServices(store.db, {
      scanId: second,
      repository: '/repos/monorepo',
      retiredAt: '2026-12-03T00:00:00.000Z',
    });

    expect(retired).toBe(1);
    const rows = await store.db
      .selectFrom('services')
      .select(['name', 'retired_at', 'current_snapshot_id'])
      .orderBy('name')
      .execute();
    expect(rows.map((r) => [r.name, r.retired_at])).toEqual([
      ['gone', '2026-12-03T00:00:00.000Z'],
      ['kept', null],
    ]);
    expect(rows[0]!.current_snapshot_id).not.toBeNull();
    expect(await countSnapshots(store.db)).toBe(3);
  });

  test('leave services of other repositories alone', async () => {
    const first = await startScan(store.db);
    await write(store.db, first, 'elsewhere', 'e');
    const second = await startScan(store.db);

    const retired = await retireUnseenServices(store.db, {
      scanId: second,
      repository: '/repos/other',
      retiredAt: new Date(),
    });

    expect(retired).toBe(0);
  });

  test('bring a retired service back when a scan writes it again', async () => {
    const first = await startScan(store.db);
    await write(store.db, first, 'phoenix', 'p');
    const second = await startScan(store.db);
    await retireUnseenServices(store.db, {
      scanId: second,
      repository: '/repos/monorepo',
      retiredAt: new Date(),
    });
    const third = await startScan(store.db);

    const before = await readContentHash(store.db, {
      namespace: 'default',
      name: 'phoenix',
    });
    await write(store.db, third, 'phoenix', 'p');

    const after = await readContentHash(store.db, {
      namespace: 'default',
      name: 'phoenix',
    });
    expect(before?.retired).toBe(true);
    expect(after?.retired).toBe(false);
  });
});
