import {
  cpSync,
  renameSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { getDependencies } from '../queries/get-dependencies.js';
import { listServices } from '../queries/list-services.js';
import { whoUses } from '../queries/who-uses.js';
import { TEST_DIALECTS, useTestStore } from '../test-support/databases.js';
import { CORPUS_DIR, PROJECT_DIR } from '../test-support/shared.js';
import { scan } from './scan.js';

const EXAMPLE = path.join(PROJECT_DIR, 'examples', 'acme');

// Independent count: the package-lock v3 `packages` entries under node_modules.
function lockfileEntries(dir: string): number {
  const lock = JSON.parse(
    readFileSync(path.join(dir, 'package-lock.json'), 'utf8'),
  ) as {
    packages: Record<string, unknown>;
  };
  return Object.keys(lock.packages).filter((k) => k.startsWith('node_modules/'))
    .length;
}

describe.each(TEST_DIALECTS)('scan on %s', (dialect) => {
  const store = useTestStore(dialect);
  let org: string;

  beforeEach(() => {
    org = mkdtempSync(path.join(tmpdir(), 'qm-scan-'));
    cpSync(EXAMPLE, org, { recursive: true });
    return () => rmSync(org, { recursive: true, force: true });
  });

  it('stores every example service with its owner and packages', async () => {
    const summary = await scan({ db: store.db, paths: [org] });

    expect(summary.problems).toEqual([]);
    expect(summary.services.written).toBe(6);
    const services = await store.db
      .selectFrom('services')
      .select(['name', 'owner', 'owner_source'])
      .orderBy('name')
      .execute();
    expect(services).toEqual([
      {
        name: 'checkout-api',
        owner: 'group:default/squad-checkout',
        owner_source: 'catalog',
      },
      {
        name: 'fraud-scoring',
        owner: 'group:default/squad-payments',
        owner_source: 'catalog',
      },
      {
        name: 'payments-gateway',
        owner: 'group:default/squad-payments',
        owner_source: 'catalog',
      },
      { name: 'platform-catalog', owner: 'unowned', owner_source: 'none' },
      {
        name: 'user-profile',
        owner: 'group:default/squad-identity',
        owner_source: 'catalog',
      },
      {
        name: 'web-storefront',
        owner: 'group:default/squad-storefront',
        owner_source: 'catalog',
      },
    ]);
    const checkout = await store.db
      .selectFrom('services as s')
      .innerJoin('snapshots as n', 'n.id', 's.current_snapshot_id')
      .select('n.package_count')
      .where('s.name', '=', 'checkout-api')
      .executeTakeFirstOrThrow();
    expect(checkout.package_count).toBe(
      lockfileEntries(path.join(org, 'checkout-api')),
    );
  });

  it('skips unchanged repositories on a re-scan and writes no snapshot', async () => {
    await scan({ db: store.db, paths: [org] });

    const again = await scan({ db: store.db, paths: [org] });

    expect(again.services).toMatchObject({
      scanned: 6,
      unchanged: 6,
      written: 0,
      retired: 0,
    });
    const snapshots = await store.db
      .selectFrom('snapshots')
      .select('id')
      .execute();
    expect(snapshots).toHaveLength(6);
  });

  it('keeps the last good snapshot of a service whose lockfile breaks, and scans the rest', async () => {
    await scan({ db: store.db, paths: [org] });
    const lockfile = path.join(org, 'user-profile', 'package-lock.json');
    writeFileSync(lockfile, readFileSync(lockfile, 'utf8').slice(0, 500));
    writeFileSync(
      path.join(org, 'checkout-api', 'package.json'),
      readFileSync(
        path.join(org, 'checkout-api', 'package.json'),
        'utf8',
      ).replace('"1.4.0"', '"1.5.0"'),
    );

    const summary = await scan({ db: store.db, paths: [org] });

    expect(summary.services.failed).toBe(1);
    expect(summary.problems[0]).toMatchObject({
      service: 'user-profile',
      file: 'package-lock.json',
    });
    expect(summary.problems[0]!.code).toMatch(/^ERR_/);
    expect(summary.services.written).toBe(1);
    const stillThere = await whoUses(store.db, { name: 'minimist' });
    expect(stillThere.services.map((s) => s.name)).toEqual(['user-profile']);
  });

  it('retires a service whose folder disappeared, and keeps its history', async () => {
    await scan({ db: store.db, paths: [org] });
    rmSync(path.join(org, 'payments-gateway'), { recursive: true });

    const summary = await scan({ db: store.db, paths: [org] });

    expect(summary.services.retired).toBe(1);
    const retired = await store.db
      .selectFrom('services')
      .select(['name', 'retired_at'])
      .where('retired_at', 'is not', null)
      .execute();
    expect(retired.map((r) => r.name)).toEqual(['payments-gateway']);
    const live = await whoUses(store.db, { name: 'fastify' });
    expect(live.total).toBe(0);
    const history = await whoUses(store.db, {
      name: 'fastify',
      includeRetired: true,
    });
    expect(history.services.map((s) => s.name)).toEqual(['payments-gateway']);
  });

  it('brings back a repository that vanished and returned unchanged', async () => {
    const gateway = path.join(org, 'payments-gateway');
    const away = mkdtempSync(path.join(tmpdir(), 'qm-away-'));
    await scan({ db: store.db, paths: [org] });
    // A move keeps file times and contents: the fingerprint is the same.
    renameSync(gateway, path.join(away, 'payments-gateway'));
    await scan({ db: store.db, paths: [org] });
    renameSync(path.join(away, 'payments-gateway'), gateway);

    const summary = await scan({ db: store.db, paths: [org] });

    expect(summary.services.retired).toBe(0);
    const live = await whoUses(store.db, { name: 'fastify' });
    expect(live.services.map((s) => s.name)).toEqual(['payments-gateway']);
    rmSync(away, { recursive: true, force: true });
  });

  it('keeps service names unique across repositories', async () => {
    for (const repo of ['alpha', 'beta']) {
      cpSync(
        path.join(org, 'platform-catalog'),
        path.join(org, 'dupes', repo),
        { recursive: true },
      );
      cpSync(
        path.join(org, 'checkout-api'),
        path.join(org, 'dupes', `${repo}-api`),
        { recursive: true },
      );
    }

    const summary = await scan({
      db: store.db,
      paths: [path.join(org, 'dupes')],
    });

    const names = await store.db
      .selectFrom('services')
      .select('name')
      .orderBy('name')
      .execute();
    expect(names.map((n) => n.name)).toEqual([
      'checkout-api',
      'platform-catalog',
      'platform-catalog-beta',
    ]);
    expect(summary.problems).toHaveLength(1);
    expect(summary.problems[0]).toMatchObject({
      code: 'ERR_SERVICE_NAME_CONFLICT',
      file: 'catalog-info.yaml',
    });
    expect(summary.problems[0]!.message).toContain('alpha-api');
  });

  it('keeps a service named after its lockfile when that lockfile breaks', async () => {
    await scan({ db: store.db, paths: [org] });
    writeFileSync(
      path.join(org, 'platform-catalog', 'package-lock.json'),
      '{"name": "platform-catalog", "lockfileVersion": 3, "pack',
    );

    const summary = await scan({ db: store.db, paths: [org] });

    expect(summary.services.retired).toBe(0);
    expect(summary.problems).toHaveLength(1);
    expect(summary.problems[0]).toMatchObject({
      service: 'platform-catalog',
      code: 'ERR_LOCKFILE_SYNTAX',
    });
    const still = await whoUses(store.db, { name: 'semver' });
    expect(still.services.map((s) => s.name)).toContain('platform-catalog');
  });

  it('warns on the service about a lockfile linked from outside the repository, and does not read it', async () => {
    const outside = mkdtempSync(path.join(tmpdir(), 'qm-outside-'));
    writeFileSync(path.join(outside, 'requirements.txt'), 'django==4.2.0\n');
    symlinkSync(
      path.join(outside, 'requirements.txt'),
      path.join(org, 'checkout-api', 'requirements.txt'),
    );

    try {
      await scan({ db: store.db, paths: [org] });
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }

    const snapshot = await store.db
      .selectFrom('services as s')
      .innerJoin('snapshots as n', 'n.id', 's.current_snapshot_id')
      .select('n.warnings')
      .where('s.name', '=', 'checkout-api')
      .executeTakeFirstOrThrow();
    const codes = (JSON.parse(snapshot.warnings) as { code: string }[]).map(
      (w) => w.code,
    );
    expect(codes).toContain('ERR_LINK_OUTSIDE_REPOSITORY');
    const django = await whoUses(store.db, { name: 'django' });
    expect(django.services).toEqual([]);
  });

  it('names a Pipfile, which names no project, after its service in paths', async () => {
    const repository = path.join(org, 'pipenv');
    for (const file of ['Pipfile', 'Pipfile.lock'])
      cpSync(
        path.join(CORPUS_DIR, 'pipenv', file),
        path.join(repository, file),
      );

    await scan({ db: store.db, paths: [repository] });
    const result = await whoUses(store.db, { name: 'requests', paths: true });

    expect(result.services.map((s) => s.matches[0]?.path?.[0])).toEqual([
      expect.objectContaining({ name: 'pipenv', root: true }),
    ]);
  });

  it('counts each package version once for services, as deps lists them', async () => {
    const repository = path.join(org, 'npm-cli');
    cpSync(path.join(CORPUS_DIR, 'npm-cli-v6'), repository, {
      recursive: true,
    });

    await scan({ db: store.db, paths: [repository] });
    const listed = (await listServices(store.db)).services;
    const deps = await getDependencies(store.db, { service: listed[0]!.name });

    expect(listed).toHaveLength(1);
    // npm installs some versions at several paths: more entries than versions.
    expect(listed[0]!.packageCount).toBeGreaterThan(deps.packages!.length);
    expect(listed[0]!.packageVersions).toBe(deps.packages!.length);
  });

  it('names a nameless top-level project after its service in paths', async () => {
    const dir = path.join(org, 'checkout-api');
    for (const file of ['package.json', 'package-lock.json']) {
      const json = JSON.parse(
        readFileSync(path.join(dir, file), 'utf8'),
      ) as Record<string, unknown> & { packages?: Record<string, object> };
      delete json.name;
      if (json.packages) delete (json.packages[''] as { name?: string }).name;
      writeFileSync(path.join(dir, file), JSON.stringify(json));
    }

    await scan({ db: store.db, paths: [org] });
    const result = await whoUses(store.db, { name: 'axios', paths: true });

    const checkout = result.services.find((s) => s.name === 'checkout-api');
    expect(checkout?.matches[0]?.path?.[0]).toMatchObject({
      name: 'checkout-api',
      root: true,
    });
  });

  it('keeps owner and snapshot when a catalog-info.yaml becomes unreadable', async () => {
    await scan({ db: store.db, paths: [org] });
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x]',
      ...'bcdefghij'
        .split('')
        .map(
          (l, i) =>
            `${l}: &${l} [${Array(9).fill(`*${'abcdefghij'[i]}`).join(', ')}]`,
        ),
    ].join('\n');
    writeFileSync(path.join(org, 'checkout-api', 'catalog-info.yaml'), bomb);

    const summary = await scan({ db: store.db, paths: [org] });

    expect(summary.problems.map((p) => p.code)).toEqual([
      'ERR_CATALOG_UNREADABLE',
    ]);
    const rows = await store.db
      .selectFrom('services')
      .select(['name', 'owner', 'retired_at'])
      .where('repository', '=', path.join(org, 'checkout-api'))
      .execute();
    expect(rows).toEqual([
      {
        name: 'checkout-api',
        owner: 'group:default/squad-checkout',
        retired_at: null,
      },
    ]);
  });

  it('gives a Backstage name to its component even when a package took it first', async () => {
    const early = path.join(org, 'dupes', 'a-tool');
    cpSync(path.join(org, 'platform-catalog'), early, { recursive: true });
    await scan({ db: store.db, paths: [path.join(org, 'dupes')] });
    cpSync(
      path.join(org, 'user-profile'),
      path.join(org, 'dupes', 'z-described'),
      { recursive: true },
    );
    writeFileSync(
      path.join(org, 'dupes', 'z-described', 'catalog-info.yaml'),
      'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: platform-catalog\nspec:\n  type: service\n  owner: squad-identity\n',
    );

    const summary = await scan({
      db: store.db,
      paths: [path.join(org, 'dupes')],
    });

    expect(summary.problems).toEqual([]);
    const rows = await store.db
      .selectFrom('services')
      .select(['name', 'repository'])
      .orderBy('name')
      .execute();
    expect(rows).toEqual([
      {
        name: 'platform-catalog',
        repository: path.join(org, 'dupes', 'z-described'),
      },
      { name: 'platform-catalog-a-tool', repository: early },
    ]);
  });
});
