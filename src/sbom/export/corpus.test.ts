import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  buildInventory,
  type Inventory,
  type InventoryService,
} from '../../inventory/inventory.js';
import { loadSnapshotGraph } from '../../queries/snapshot-graph-export.js';
import { scan } from '../../scan/scan.js';
import { TEST_DIALECTS, useTestStore } from '../../test-support/databases.js';
import {
  CORPUS_DIR,
  PROJECT_DIR,
  repositoryAt,
} from '../../test-support/shared.js';
import { cycloneDxJsonExtractor } from '../cyclonedx-json.js';
import { spdxJsonExtractor } from '../spdx-json.js';
import {
  cycloneDx16Validator,
  spdx23Validator,
} from './__fixtures__/validators.js';
import { toCycloneDx, type CycloneDxBom } from './cyclonedx.js';
import { fromInventoryService } from './from-inventory.js';
import { toSpdx } from './spdx.js';

/** Real projects: npm (several services, a pnpm workspace), Cargo, RubyGems, Composer. */
const PROJECTS = [
  ['acme', path.join(PROJECT_DIR, 'examples/acme')],
  ['kysely', path.join(CORPUS_DIR, 'kysely')],
  ['ripgrep', path.join(CORPUS_DIR, 'ripgrep')],
  ['rubygems-org', path.join(CORPUS_DIR, 'rubygems-org')],
  ['composer', path.join(CORPUS_DIR, 'composer')],
] as const;

const options = { toolVersion: '0.0.0-test' };
const work = mkdtempSync(path.join(tmpdir(), 'qm-sbom-export-'));
const inventories = new Map<string, Inventory>();

beforeAll(async () => {
  for (const [name, source] of PROJECTS) {
    const copy = path.join(work, name);
    cpSync(source, copy, { recursive: true });
    inventories.set(name, await buildInventory({ paths: [copy] }));
  }
}, 120_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

function servicesOf(project: string): InventoryService[] {
  return inventories.get(project)!.repositories.flatMap((r) => r.services);
}

/* Independent of the writers: straight from the inventory JSON. */
function distinctPurls(service: InventoryService): Set<string> {
  const json = JSON.parse(JSON.stringify(service)) as InventoryService;
  return new Set(json.packages.map((p) => p.purl));
}

/** Every inventory edge as [ref, purl] the BOM must hold. */
function expectedEdges(service: InventoryService): Array<[string, string]> {
  const purlOf = new Map(service.packages.map((p) => [p.key, p.purl]));
  const single = service.roots.length === 1;
  const refOf = (key: string) => {
    if (!service.roots.some((r) => r.key === key)) return purlOf.get(key);
    const { namespace, name } = service.service;
    return single ? `service:${namespace}/${name}` : `root:${key}`;
  };
  return service.edges.flatMap(([from, to]): Array<[string, string]> => {
    const ref = refOf(from);
    const target = purlOf.get(to);
    return ref && target && ref !== target ? [[ref, target]] : [];
  });
}

/** Refs the schema cannot check: unique, and every edge names a known one. */
function unknownRefs(bom: CycloneDxBom): string[] {
  const metadata = bom.metadata as { component: { 'bom-ref': string } };
  const refs = [
    metadata.component['bom-ref'],
    ...bom.components.map((c) => c['bom-ref'] as string),
  ];
  const known = new Set(refs);
  const used = bom.dependencies.flatMap((d) => [d.ref, ...d.dependsOn]);
  return [
    ...(known.size === refs.length ? [] : ['duplicate bom-ref']),
    ...used.filter((ref) => !known.has(ref)),
  ];
}

function edgesOf(bom: CycloneDxBom): Set<string> {
  return new Set(
    bom.dependencies.flatMap((d) => d.dependsOn.map((to) => `${d.ref} ${to}`)),
  );
}

async function readBack(
  extractor: typeof cycloneDxJsonExtractor,
  file: string,
  document: unknown,
): Promise<Set<string>> {
  const graph = await extractor.extract({
    path: file,
    text: JSON.stringify(document),
    repository: repositoryAt(work),
  });
  return new Set(graph.packages.map((p) => p.purl));
}

describe.each(PROJECTS)('%s through the inventory', (project) => {
  test('has services with packages', () => {
    const services = servicesOf(project);

    expect(services.length).toBeGreaterThan(0);
    expect(services.some((s) => s.packages.length > 0)).toBe(true);
  });

  test('CycloneDX: schema-valid, one component per purl, every edge', () => {
    for (const service of servicesOf(project)) {
      const bom = toCycloneDx(fromInventoryService(service), options);
      const validate = cycloneDx16Validator();
      const purls = distinctPurls(service);
      const edges = edgesOf(bom);

      expect(validate(bom), JSON.stringify(validate.errors)).toBe(true);
      expect(unknownRefs(bom)).toEqual([]);
      const libraries = bom.components.filter((c) => c.type === 'library');
      expect(libraries).toHaveLength(purls.size);
      expect(new Set(libraries.map((c) => c.purl))).toEqual(purls);
      const missing = expectedEdges(service).filter(
        ([from, to]) => !edges.has(`${from} ${to}`),
      );
      expect(missing).toEqual([]);
    }
  });

  test('SPDX: valid structure, one package per purl, every edge', () => {
    for (const service of servicesOf(project)) {
      const doc = toSpdx(fromInventoryService(service), options);
      const purls = distinctPurls(service);
      const locators = doc.packages.flatMap((p) =>
        ((p.externalRefs ?? []) as Array<{ referenceLocator: string }>).map(
          (r) => r.referenceLocator,
        ),
      );

      expect(spdx23Validator()(doc)).toEqual([]);
      expect(locators).toHaveLength(purls.size);
      expect(new Set(locators)).toEqual(purls);
      // Each purl edge is one relationship; plus DESCRIBES and root links.
      const edgeCount = new Set(
        expectedEdges(service).map(([a, b]) => `${a} ${b}`),
      ).size;
      const rootLinks = service.roots.length > 1 ? service.roots.length : 0;
      expect(doc.relationships).toHaveLength(1 + rootLinks + edgeCount);
    }
  });

  test('our SBOM readers read both back to the same purls', async () => {
    for (const service of servicesOf(project)) {
      const graph = fromInventoryService(service);
      const purls = distinctPurls(service);

      const fromCdx = await readBack(
        cycloneDxJsonExtractor,
        'bom.json',
        toCycloneDx(graph, options),
      );
      const fromSpdx = await readBack(
        spdxJsonExtractor,
        'service.spdx.json',
        toSpdx(graph, options),
      );

      expect(fromCdx).toEqual(purls);
      expect(fromSpdx).toEqual(purls);
    }
  });
});

describe.each(TEST_DIALECTS)('through the store on %s', (dialect) => {
  const store = useTestStore(dialect, { per: 'file' });

  test.each(PROJECTS)(
    '%s: the stored snapshot gives the inventory BOM',
    async (project) => {
      await scan({ db: store.db, paths: [path.join(work, project)] });

      for (const service of servicesOf(project)) {
        const { namespace, name } = service.service;
        const stored = await loadSnapshotGraph(
          store.db,
          `${namespace}/${name}`,
        );
        const fromStore = toCycloneDx(stored.graph!, options);
        const fromInventory = toCycloneDx(
          fromInventoryService(service),
          options,
        );

        expect(cycloneDx16Validator()(fromStore)).toBe(true);
        expect(
          new Set(fromStore.components.map((c) => c.purl).filter(Boolean)),
        ).toEqual(distinctPurls(service));
        expect(fromStore.dependencies).toEqual(fromInventory.dependencies);
        expect(fromStore.components).toEqual(fromInventory.components);
        expect(spdx23Validator()(toSpdx(stored.graph!, options))).toEqual([]);
      }
    },
    120_000,
  );
});
