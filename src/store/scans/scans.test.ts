import { describe, expect, test } from 'vitest';
import { scanErrors } from '../../queries/scan-errors.js';
import { TEST_DIALECTS, useTestStore } from '../../test-support/databases.js';
import { finishScan } from './finish-scan.js';
import { recordScanError } from './record-scan-error.js';
import { startScan } from './start-scan.js';

describe.each(TEST_DIALECTS)('scans on %s', (dialect) => {
  const store = useTestStore(dialect);

  test('report no scan before the first one', async () => {
    const result = await scanErrors(store.db);

    expect(result).toEqual({ scan: null, errors: [] });
  });

  test('record a scan, its errors and its counts; list the latest', async () => {
    const older = await startScan(store.db, '2026-12-01T00:00:00.000Z');
    await recordScanError(store.db, {
      scanId: older,
      code: 'ERR_OLD',
      message: 'old',
    });
    const scanId = await startScan(store.db, '2026-12-02T00:00:00.000Z');

    await recordScanError(store.db, {
      scanId,
      service: { namespace: 'default', name: 'cart' },
      repository: '/repos/shop',
      file: 'package-lock.json',
      line: 12,
      code: 'ERR_LOCKFILE_VERSION',
      message: 'unsupported',
    });
    await recordScanError(store.db, {
      scanId,
      code: 'ERR_GIT',
      message: 'no git',
    });
    await finishScan(store.db, {
      scanId,
      finishedAt: '2026-12-02T00:01:00.000Z',
      status: 'partial',
      counts: { written: 3, failed: 1 },
    });

    const latest = await scanErrors(store.db);
    expect(latest.scan).toEqual({
      id: scanId,
      startedAt: '2026-12-02T00:00:00.000Z',
      finishedAt: '2026-12-02T00:01:00.000Z',
      status: 'partial',
      counts: { written: 3, failed: 1 },
    });
    expect(latest.errors).toEqual([
      {
        service: { namespace: 'default', name: 'cart' },
        repository: '/repos/shop',
        file: 'package-lock.json',
        line: 12,
        code: 'ERR_LOCKFILE_VERSION',
        message: 'unsupported',
      },
      {
        service: null,
        repository: null,
        file: null,
        line: null,
        code: 'ERR_GIT',
        message: 'no git',
      },
    ]);
    const old = await scanErrors(store.db, { scanId: older });
    expect(old.errors.map((e) => e.code)).toEqual(['ERR_OLD']);
  });
});
