import {
  graphOf,
  serviceRecord,
  type PackageLine,
} from '../../../store/__fixtures__/graphs.js';
import type { QmDatabase } from '../../../store/database.js';
import { startScan } from '../../../store/scans/start-scan.js';
import { writeSnapshot } from '../../../store/services/write-snapshot.js';
import type { ServiceRecord } from '../../../core/catalog.js';

/** Test helper: writes one service's snapshot; returns its id. */
export async function writeTestSnapshot(
  db: QmDatabase,
  name: string,
  packages: PackageLine[],
  overrides: Partial<ServiceRecord> = {},
  edges: [string, string][] = [],
): Promise<number> {
  const scanId = await startScan(db);
  const written = await writeSnapshot(db, {
    scanId,
    service: serviceRecord(name, overrides),
    graph: graphOf({
      packages,
      edges: [
        ...packages
          .filter((p) => p.direct)
          .map((p): [string, string] => ['root', `${p.name}@${p.version}`]),
        ...edges,
      ],
    }),
    contentHash: `${name}-${packages.length}`,
    takenAt: new Date().toISOString(),
  });
  return written.snapshotId;
}

/**
 * Two services hand-checked against the npm advisories of the shared
 * folder: shop has lodash 4.17.19 (GHSA-p6mc, fixed 4.17.20, and GHSA-35jh,
 * fixed 4.17.21) and minimist 0.0.8 under mkdirp (GHSA-xvch, fixed 0.2.4);
 * tool has minimist 1.2.0 (GHSA-xvch, fixed 1.2.6) and semver 7.5.4,
 * which is past every semver fix. Four findings in all.
 */
export async function writeTwoServices(db: QmDatabase): Promise<void> {
  await writeTestSnapshot(
    db,
    'shop',
    [
      { name: 'lodash', version: '4.17.19', direct: true },
      { name: 'mkdirp', version: '0.5.1', direct: true },
      { name: 'minimist', version: '0.0.8' },
    ],
    {
      owner: 'group:default/squad-a',
      exposure: { internetFacing: true, userData: false, paymentPath: false },
    },
    [['mkdirp@0.5.1', 'minimist@0.0.8']],
  );
  await writeTestSnapshot(
    db,
    'tool',
    [
      { name: 'minimist', version: '1.2.0', direct: true },
      { name: 'semver', version: '7.5.4', direct: true },
    ],
    { owner: 'group:default/squad-b' },
  );
}
