import {
  cpSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { listServices } from '../queries/list-services.js';
import { whoUses } from '../queries/who-uses.js';
import { TEST_DIALECTS, useTestStore } from '../test-support/databases.js';
import { currentSnapshot } from '../test-support/services.js';
import { PROJECT_DIR } from '../test-support/shared.js';
import { scan } from './scan.js';

const EXAMPLE = path.join(PROJECT_DIR, 'examples', 'acme');
const CARGO_FIXTURE = path.join(
  PROJECT_DIR,
  'src/ecosystems/cargo/__fixtures__/v3-workspace',
);

// A lockfile that reads as "no packages" would replace a good snapshot
// with an empty one; these must fail the service instead.
describe.each(TEST_DIALECTS)('a scan on %s', (dialect) => {
  const store = useTestStore(dialect);
  let org: string;

  beforeEach(() => {
    org = mkdtempSync(path.join(tmpdir(), 'qm-scan-broken-'));
    cpSync(EXAMPLE, org, { recursive: true });
    const rust = path.join(org, 'rust-service');
    cpSync(CARGO_FIXTURE, rust, { recursive: true });
    writeFileSync(
      path.join(rust, 'catalog-info.yaml'),
      'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n' +
        '  name: rust-service\nspec:\n  type: service\n  owner: squad-rust\n',
    );
    return () => rmSync(org, { recursive: true, force: true });
  });

  it.each([
    [
      'a package-lock.json whose "packages" is a number',
      'user-profile',
      'package-lock.json',
      'minimist',
      (text: string) => JSON.stringify({ ...JSON.parse(text), packages: 5 }),
    ],
    ['an empty Cargo.lock', 'rust-service', 'Cargo.lock', 'serde', () => ''],
    [
      'a package-lock.json of just {}',
      'user-profile',
      'package-lock.json',
      'minimist',
      () => '{}\n',
    ],
    [
      'a Cargo.lock whose package is a number',
      'rust-service',
      'Cargo.lock',
      'serde',
      (text: string) => text.replace(/\[\[package\]\][^]*/, 'package = 5\n'),
    ],
  ])(
    'fails the service on %s and keeps its snapshot',
    async (_case, service, file, used, breakIt) => {
      await scan({ db: store.db, paths: [org] });
      const before = await currentSnapshot(store.db, service);
      const lockfile = path.join(org, service, file);
      writeFileSync(lockfile, breakIt(readFileSync(lockfile, 'utf8')));

      const summary = await scan({ db: store.db, paths: [org] });

      expect(summary.services.failed).toBe(1);
      expect(summary.problems).toEqual([
        expect.objectContaining({ service, file, code: 'ERR_LOCKFILE_SYNTAX' }),
      ]);
      expect(await currentSnapshot(store.db, service)).toEqual(before);
      const users = await whoUses(store.db, { name: used });
      expect(users.services.map((s) => s.name)).toContain(service);
    },
  );

  it('stores an owner change read from a good descriptor beside a broken lockfile', async () => {
    const checkout = path.join(org, 'checkout-api');
    await scan({ db: store.db, paths: [org] });
    const before = await currentSnapshot(store.db, 'checkout-api');
    const descriptor = path.join(checkout, 'catalog-info.yaml');
    writeFileSync(
      descriptor,
      readFileSync(descriptor, 'utf8').replace(
        'owner: squad-checkout',
        'owner: squad-payments',
      ),
    );
    writeFileSync(path.join(checkout, 'package-lock.json'), '{"lockfileVer');

    const summary = await scan({ db: store.db, paths: [org] });

    expect(summary.services.failed).toBe(1);
    expect(await currentSnapshot(store.db, 'checkout-api')).toEqual(before);
    const row = await store.db
      .selectFrom('services')
      .select(['owner', 'retired_at'])
      .where('name', '=', 'checkout-api')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      owner: 'group:default/squad-payments',
      retired_at: null,
    });
    // services says which snapshots are older than their repositories.
    const listed = await listServices(store.db);
    const stale = listed.services.filter((x) => x.lastScanProblems > 0);
    expect(stale.map((x) => [x.name, x.lastScanProblems])).toEqual([
      ['checkout-api', 1],
    ]);
  });
});
