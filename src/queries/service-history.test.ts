import { describe, expect, test } from 'vitest';
import { graphOf, serviceRecord } from '../store/__fixtures__/graphs.js';
import { startScan } from '../store/scans/start-scan.js';
import { writeSnapshot } from '../store/services/write-snapshot.js';
import { TEST_DIALECTS, useTestStore } from '../test-support/databases.js';
import { serviceHistory } from './service-history.js';

describe.each(TEST_DIALECTS)('serviceHistory on %s', (dialect) => {
  const store = useTestStore(dialect);

  test('list snapshots newest first and mark the current one', async () => {
    const scanId = await startScan(store.db);
    const packages = [{ name: 'ms', version: '2.1.3', direct: true }];
    const first = await writeSnapshot(store.db, {
      scanId,
      service: serviceRecord('cart'),
      graph: graphOf({ packages }),
      contentHash: 'one',
      takenAt: '2026-12-01T00:00:00.000Z',
    });
    const second = await writeSnapshot(store.db, {
      scanId,
      service: serviceRecord('cart'),
      graph: graphOf({
        packages: [...packages, { name: 'a', version: '1.0.0' }],
      }),
      contentHash: 'two',
      gitCommit: 'beef',
      takenAt: '2026-12-02T00:00:00.000Z',
    });

    const history = await serviceHistory(store.db, 'default/cart');

    expect(history.snapshots).toEqual([
      {
        id: second.snapshotId,
        takenAt: '2026-12-02T00:00:00.000Z',
        scanId,
        gitCommit: 'beef',
        contentHash: 'two',
        packageCount: 2,
        current: true,
      },
      {
        id: first.snapshotId,
        takenAt: '2026-12-01T00:00:00.000Z',
        scanId,
        gitCommit: null,
        contentHash: 'one',
        packageCount: 1,
        current: false,
      },
    ]);
  });

  test('say when the service does not exist', async () => {
    await expect(serviceHistory(store.db, 'nobody')).rejects.toMatchObject({
      code: 'ERR_SERVICE_NOT_FOUND',
    });
  });
});
