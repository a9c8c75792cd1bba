import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { sbomExtractors } from '../sbom/index.js';
import { buildInventory } from '../inventory/inventory.js';
import { allExtractors } from '../ecosystems/registry.js';
import { TEST_DIALECTS, useTestStore } from '../test-support/databases.js';
import { currentSnapshot } from '../test-support/services.js';
import { CORPUS_DIR, PROJECT_DIR } from '../test-support/shared.js';
import { scan } from './scan.js';
import { scanRepository, type ScannedRepository } from './scan-repository.js';
import { KNOWN_PURL_TYPES } from '../test-support/purl-types.js';

const JUICE_SHOP = path.join(CORPUS_DIR, 'sbom-cdx-juice-shop/bom.json');
const ACME_SPDX = path.join(CORPUS_DIR, 'sbom-spdx-acme/ACME-v2.3.spdx.json');
const CHECKOUT = path.join(PROJECT_DIR, 'examples/acme/checkout-api');
const STOREFRONT = path.join(PROJECT_DIR, 'examples/acme/web-storefront');

interface CdxComponent {
  name: string;
  purl?: string;
  components?: CdxComponent[];
}

/** Distinct purls of the BOM's components, nested ones included. */
function cycloneDxPurls(file: string): Set<string> {
  const bom = JSON.parse(readFileSync(file, 'utf8')) as {
    components: CdxComponent[];
  };
  const purls = new Set<string>();
  const walk = (list: CdxComponent[]) =>
    list.forEach((c) => {
      if (c.purl) purls.add(c.purl);
      walk(c.components ?? []);
    });
  walk(bom.components);
  return purls;
}

/** Purls of known ecosystems in an SPDX JSON document's packages. */
function spdxPurls(file: string): string[] {
  const doc = JSON.parse(readFileSync(file, 'utf8')) as {
    packages: Array<{
      externalRefs?: Array<{ referenceType: string; referenceLocator: string }>;
    }>;
  };
  return doc.packages.flatMap((p) =>
    (p.externalRefs ?? [])
      .filter((r) => r.referenceType === 'purl')
      .map((r) => r.referenceLocator)
      .filter((purl) =>
        KNOWN_PURL_TYPES.includes(purl.slice(4).split('/')[0]!),
      ),
  );
}

/** Names of the packages a package-lock.json (v2/v3) installs. */
function lockfileNames(folder: string): Set<string> {
  const lock = JSON.parse(
    readFileSync(path.join(folder, 'package-lock.json'), 'utf8'),
  ) as { packages: Record<string, unknown> };
  return new Set(
    Object.keys(lock.packages)
      .filter((key) => key !== '')
      .map((key) => key.slice(key.lastIndexOf('node_modules/') + 13)),
  );
}

function component(name: string, annotations: Record<string, string> = {}) {
  const lines = Object.entries(annotations).map(
    ([key, value]) => `    ${key}: ${JSON.stringify(value)}\n`,
  );
  return (
    `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n` +
    `  name: ${name}\n` +
    (lines.length ? `  annotations:\n${lines.join('')}` : '') +
    `spec:\n  type: service\n  owner: squad-${name}\n`
  );
}

function write(root: string, file: string, text: string): void {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), text);
}

function copy(from: string, root: string, file: string): void {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  cpSync(from, path.join(root, file));
}

/**
 * A repository whose top component `shop` names CI's SBOM in build/reports
 * beside its own package.json and lockfile, and whose `other/` component
 * has a lockfile of its own.
 */
function makeRepository(annotation = 'build/reports/sbom.json'): string {
  const root = mkdtempSync(path.join(tmpdir(), 'qm-given-sbom-'));
  write(
    root,
    'catalog-info.yaml',
    component('shop', { 'quartermaster.dev/sbom': annotation }),
  );
  copy(path.join(CHECKOUT, 'package.json'), root, 'package.json');
  copy(path.join(CHECKOUT, 'package-lock.json'), root, 'package-lock.json');
  copy(JUICE_SHOP, root, 'build/reports/sbom.json');
  write(root, 'other/catalog-info.yaml', component('other'));
  copy(path.join(STOREFRONT, 'package.json'), root, 'other/package.json');
  copy(
    path.join(STOREFRONT, 'package-lock.json'),
    root,
    'other/package-lock.json',
  );
  return root;
}

function serviceOf(repository: ScannedRepository, name: string) {
  const found = repository.services.find((s) => s.record.name === name);
  if (!found) throw new Error(`no service ${name}`);
  return found;
}

async function scanAt(root: string, maxFileBytes?: number) {
  return scanRepository({ root, extractors: allExtractors(), maxFileBytes });
}

describe('quartermaster.dev/sbom', () => {
  let root: string;
  beforeEach(() => {
    root = makeRepository();
    return () => rmSync(root, { recursive: true, force: true });
  });

  it("reads CI's CycloneDX SBOM as the component's graph, not its lockfile", async () => {
    const expected = cycloneDxPurls(JUICE_SHOP);
    const lockfileOnly = [...lockfileNames(CHECKOUT)].filter(
      (name) =>
        ![...expected].some((purl) =>
          decodeURIComponent(purl).includes(`/${name}@`),
        ),
    );

    const repository = await scanAt(root);

    const shop = serviceOf(repository, 'shop');
    expect(shop.failures).toEqual([]);
    expect(shop.graph.files).toEqual(['build/reports/sbom.json']);
    expect(shop.graph.packages).toHaveLength(expected.size);
    expect(lockfileOnly.length).toBeGreaterThan(0);
    const names = new Set(shop.graph.packages.map((p) => p.name));
    expect(lockfileOnly.filter((name) => names.has(name))).toEqual([]);
    expect(repository.services.map((s) => s.record.name).sort()).toEqual([
      'other',
      'shop',
    ]);
  });

  it('keeps a deeper component without the annotation on its lockfile', async () => {
    const repository = await scanAt(root);

    const other = serviceOf(repository, 'other');
    expect(other.failures).toEqual([]);
    expect(other.graph.files).toContain('other/package-lock.json');
    const names = new Set(other.graph.packages.map((p) => p.name));
    expect([...lockfileNames(STOREFRONT)].every((n) => names.has(n))).toBe(
      true,
    );
  });

  it('reads an SPDX JSON SBOM of any name by its content', async () => {
    copy(ACME_SPDX, root, 'build/reports/sbom.json');

    const shop = serviceOf(await scanAt(root), 'shop');

    expect(shop.failures).toEqual([]);
    const purls = spdxPurls(ACME_SPDX);
    expect(purls.length).toBeGreaterThan(0);
    expect(shop.graph.packages.map((p) => `${p.name}@${p.version}`)).toEqual(
      purls.map((purl) => purl.slice(purl.indexOf('/') + 1)),
    );
  });

  it('gives the SBOM to the annotated one of two components in one folder', async () => {
    // The SBOM's root is named juice-shop: the sibling of that name must
    // not take it, and takes the lockfile instead.
    write(
      root,
      'catalog-info.yaml',
      component('juice-shop') +
        '---\n' +
        component('shop', {
          'quartermaster.dev/sbom': 'build/reports/sbom.json',
        }),
    );

    const repository = await scanAt(root);

    const shop = serviceOf(repository, 'shop');
    const sibling = serviceOf(repository, 'juice-shop');
    expect(shop.graph.files).toEqual(['build/reports/sbom.json']);
    expect(shop.graph.packages).toHaveLength(cycloneDxPurls(JUICE_SHOP).size);
    expect(sibling.graph.files).toContain('package-lock.json');
    expect(sibling.graph.files).not.toContain('build/reports/sbom.json');
    expect(repository.services).toHaveLength(3);
  });

  it.each([
    [
      'a missing file',
      'build/reports/missing.json',
      'ERR_SBOM_ANNOTATION_MISSING',
    ],
    ['a path climbing out', '../outside.json', 'ERR_SBOM_ANNOTATION_OUTSIDE'],
    ['an absolute path', '/etc/passwd', 'ERR_SBOM_ANNOTATION_OUTSIDE'],
    [
      'a link out of the repository',
      'link.json',
      'ERR_SBOM_ANNOTATION_OUTSIDE',
    ],
    [
      'a file that is no SBOM',
      'package.json',
      'ERR_SBOM_ANNOTATION_UNREADABLE',
    ],
    ['a truncated SBOM', 'broken.cdx.json', 'ERR_SBOM_ANNOTATION_UNREADABLE'],
  ])('fails only the component on %s', async (_case, annotation, code) => {
    write(
      root,
      'catalog-info.yaml',
      component('shop', { 'quartermaster.dev/sbom': annotation }),
    );
    const outside = mkdtempSync(path.join(tmpdir(), 'qm-outside-'));
    copy(JUICE_SHOP, outside, 'bom.json');
    symlinkSync(path.join(outside, 'bom.json'), path.join(root, 'link.json'));
    write(
      root,
      'broken.cdx.json',
      readFileSync(JUICE_SHOP, 'utf8').slice(0, 500),
    );

    const repository = await scanAt(root);

    const shop = serviceOf(repository, 'shop');
    expect(shop.failures).toEqual([
      expect.objectContaining({
        code,
        message: expect.stringContaining(
          `component:default/shop, quartermaster.dev/sbom '${annotation}'`,
        ),
      }),
    ]);
    // As the scan prints it, `file: message`, the descriptor is named once.
    const printed = `${shop.failures[0]!.file}: ${shop.failures[0]!.message}`;
    expect(printed.split('catalog-info.yaml')).toHaveLength(2);
    expect(shop.failures[0]).not.toHaveProperty('componentRef');
    expect(shop.graph.files).not.toContain('package-lock.json');
    expect(serviceOf(repository, 'other').failures).toEqual([]);
    expect(repository.orphanFailures).toEqual([]);
    rmSync(outside, { recursive: true, force: true });
  });

  it('reads the SBOM with the size limit', async () => {
    const repository = await scanAt(root, 1_000);

    const [failure] = serviceOf(repository, 'shop').failures;
    expect(failure?.code).toBe('ERR_SBOM_ANNOTATION_UNREADABLE');
    expect(failure?.message).toContain('ERR_FILE_TOO_LARGE');
  });

  it('shows the SBOM in the inventory', async () => {
    const inventory = await buildInventory({ paths: [root] });

    const services = inventory.repositories[0]!.services;
    const shop = services.find((s) => s.service.name === 'shop')!;
    expect(shop.packages).toHaveLength(cycloneDxPurls(JUICE_SHOP).size);
    expect(shop.files).toEqual(['build/reports/sbom.json']);
    expect(shop.problems).toEqual([]);
  });

  it('picks the reader by content for each SBOM format', async () => {
    const readers = sbomExtractors.map((e) => e.id).sort();
    const { sbomReaderFor } = await import('../sbom/sbom-reader-for.js');

    const picked = [
      readFileSync(JUICE_SHOP, 'utf8'),
      '<?xml version="1.0"?>\n<bom xmlns="http://cyclonedx.org/schema/bom/1.5"/>',
      readFileSync(ACME_SPDX, 'utf8'),
      'SPDXVersion: SPDX-2.3\nDataLicense: CC0-1.0\n',
    ].map((text) => sbomReaderFor(text)?.id);

    expect([...picked].sort()).toEqual(readers);
    expect(sbomReaderFor('{"name": "x"}')).toBeUndefined();
  });
});

describe.each(TEST_DIALECTS)('a scan on %s', (dialect) => {
  const store = useTestStore(dialect);
  let root: string;
  beforeEach(() => {
    root = makeRepository();
    return () => rmSync(root, { recursive: true, force: true });
  });

  it('stores the SBOM, then keeps it when the SBOM goes missing', async () => {
    const first = await scan({ db: store.db, paths: [root] });
    const before = await currentSnapshot(store.db, 'shop');
    const count = await store.db
      .selectFrom('snapshots')
      .select('package_count')
      .where('id', '=', before.current_snapshot_id)
      .executeTakeFirstOrThrow();
    rmSync(path.join(root, 'build/reports/sbom.json'));
    const second = await scan({ db: store.db, paths: [root] });

    expect(first.problems).toEqual([]);
    expect(Number(count.package_count)).toBe(cycloneDxPurls(JUICE_SHOP).size);
    expect(second.services.failed).toBe(1);
    expect(second.problems).toEqual([
      expect.objectContaining({
        service: 'shop',
        code: 'ERR_SBOM_ANNOTATION_MISSING',
      }),
    ]);
    expect(await currentSnapshot(store.db, 'shop')).toEqual(before);
    expect(second.services.scanned).toBe(2);
  });
});
