// A small organisation for query tests; every count in the tests is taken
// by hand from this file.
//
// tribe-x (tribe) ← squad-a (squad), squad-b (squad); jane is in squad-b.
// alpha   squad-a   npm: a, b, c (3)   tags payments, internet-facing
// beta    squad-b   PyPI: django, requests (2)
// gamma   jane      npm: ms (1)
// delta   unowned   npm: ms (1)
// epsilon ghost (no such group)  npm: ms (1)
// zeta    squad-a   retired
import type { GroupRecord } from '../../core/catalog.js';
import type { QmDatabase } from '../../store/database.js';
import { graphOf, serviceRecord } from '../../store/__fixtures__/graphs.js';
import { replaceGroups } from '../../store/groups/upsert-groups.js';
import { startScan } from '../../store/scans/start-scan.js';
import { retireUnseenServices } from '../../store/services/retire-unseen-services.js';
import { writeSnapshot } from '../../store/services/write-snapshot.js';

function group(name: string, type: string, parent?: string): GroupRecord {
  return {
    namespace: 'default',
    name,
    kind: 'Group',
    type,
    parent,
    children: [],
    members: [],
  };
}

export const ORG_GROUPS: GroupRecord[] = [
  group('tribe-x', 'tribe'),
  group('squad-a', 'squad', 'group:default/tribe-x'),
  group('squad-b', 'squad', 'tribe-x'),
  {
    namespace: 'default',
    name: 'jane',
    kind: 'User',
    children: [],
    members: ['group:default/squad-b'],
  },
];

const ms = graphOf({ packages: [{ name: 'ms', version: '2.1.3', direct: true }] });

export async function seedOrg(db: QmDatabase): Promise<void> {
  await replaceGroups(db, ORG_GROUPS);
  const old = await startScan(db, '2026-11-01T00:00:00.000Z');
  await writeSnapshot(db, {
    scanId: old,
    service: serviceRecord('zeta', { owner: 'group:default/squad-a', repository: '/repos/zeta' }),
    graph: ms,
    contentHash: 'z',
    takenAt: '2026-11-01T00:00:01.000Z',
  });
  const scanId = await startScan(db, '2026-12-01T00:00:00.000Z');
  await retireUnseenServices(db, { scanId, repository: '/repos/zeta', retiredAt: new Date() });
  const services = [
    [
      serviceRecord('alpha', {
        owner: 'group:default/squad-a',
        ownerSource: 'catalog',
        tags: ['payments'],
        exposure: { internetFacing: true, userData: false, paymentPath: true },
      }),
      graphOf({
        packages: [
          { name: 'a', version: '1.0.0', direct: true },
          { name: 'b', version: '1.0.0', direct: true },
          { name: 'c', version: '1.0.0' },
        ],
      }),
    ],
    [
      serviceRecord('beta', { owner: 'squad-b' }),
      graphOf({
        packages: [
          { name: 'Django', version: '5.0', direct: true, ecosystem: 'PyPI' },
          { name: 'requests', version: '2.31.0', ecosystem: 'PyPI' },
        ],
      }),
    ],
    [serviceRecord('gamma', { owner: 'user:default/jane' }), ms],
    [serviceRecord('delta'), ms],
    [serviceRecord('epsilon', { owner: 'group:default/ghost' }), ms],
  ] as const;
  for (const [service, graph] of services) {
    await writeSnapshot(db, {
      scanId,
      service,
      graph,
      contentHash: service.name,
      takenAt: '2026-12-01T00:00:01.000Z',
    });
  }
}
