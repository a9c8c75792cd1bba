import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UNOWNED } from '../core/catalog.js';
import type {
  DependencyGraph,
  EcosystemName,
  GraphPackage,
  GraphRoot,
} from '../core/model.js';
import { packageLockExtractor } from '../ecosystems/npm/package-lock.js';
import { CORPUS_DIR, repositoryAt } from '../test-support/shared.js';
import type { CatalogEntity, ComponentEntity } from './backstage-entities.js';
import { readCatalogDescriptors } from './backstage.js';
import { parseCodeowners, readCodeowners } from './codeowners.js';
import { buildServices, type BuildServicesInput } from './services.js';

const REPO = '/repos/acme-shop';

function root(
  name: string,
  folder: string,
  file = folder ? `${folder}/package.json` : 'package.json',
  ecosystem: EcosystemName = 'npm',
): GraphRoot {
  return { key: `root:${folder}`, name, path: folder, ecosystem, file };
}

function graph(roots: GraphRoot[], files?: string[]): DependencyGraph {
  return {
    roots,
    packages: [],
    edges: [],
    files: files ?? roots.map((r) => r.file),
    warnings: [],
  };
}

function component(
  name: string,
  file: string,
  extra: Partial<ComponentEntity> = {},
): ComponentEntity {
  return {
    kind: 'Component',
    ref: `component:default/${name}`,
    namespace: 'default',
    name,
    tags: [],
    annotations: {},
    file,
    dependsOn: [],
    ...extra,
  };
}

function build(
  entities: CatalogEntity[],
  graphs: DependencyGraph[],
  extra: Partial<BuildServicesInput> = {},
) {
  return buildServices({
    repository: REPO,
    files: [],
    descriptors: { entities, files: [], warnings: [] },
    graphs,
    ...extra,
  });
}

/** `name → graphIndex:rootKey,...` for compact comparison. */
function shares(result: ReturnType<typeof build>): Record<string, string[]> {
  return Object.fromEntries(
    result.services.map((s) => [
      s.record.name,
      s.graphs.flatMap((g) => g.rootKeys.map((k) => `${g.graphIndex}:${k}`)),
    ]),
  );
}

describe('buildServices: roots to services', () => {
  it('gives each root to the nearest descriptor folder', () => {
    const entities = [
      component('platform', 'catalog-info.yaml'),
      component('api', 'services/api/catalog-info.yaml'),
    ];
    const lockfile = graph(
      [
        root('shop', ''),
        root('@acme/api', 'services/api'),
        root('@acme/web', 'services/web'),
      ],
      ['package-lock.json'],
    );

    const result = build(entities, [lockfile]);

    expect(shares(result)).toEqual({
      platform: ['0:root:', '0:root:services/web'],
      api: ['0:root:services/api'],
    });
  });

  it('splits one file of components by name, then source-location, then first', () => {
    const location = 'url:https://github.com/acme/shop/tree/main/apps/pay/';
    const entities = [
      component('web', 'catalog-info.yaml'),
      component('worker', 'catalog-info.yaml'),
      component('billing', 'catalog-info.yaml', {
        annotations: { 'backstage.io/source-location': location },
      }),
    ];
    const graphs = [
      graph([root('@acme/worker', 'apps/worker')]),
      graph([root('payments-app', 'apps/pay')]),
      graph([root('tools', 'tools')]),
    ];

    const result = build(entities, graphs);

    expect(shares(result)).toEqual({
      web: ['2:root:tools'],
      worker: ['0:root:apps/worker'],
      billing: ['1:root:apps/pay'],
    });
  });

  it('names implicit services by package, folder or repository, unique by folder', () => {
    const go = graph([root('github.com/acme/tool/v2', '', 'go.mod', 'Go')]);
    const goSum = graph([root('github.com/acme/tool/v2', '', 'go.sum', 'Go')]);
    const apiA = graph([
      root('com.acme:api', 'svc/a', 'svc/a/pom.xml', 'Maven'),
    ]);
    const apiB = graph([
      root('com.acme:api', 'svc/b', 'svc/b/pom.xml', 'Maven'),
    ]);
    const sbom: DependencyGraph = { ...graph([]), files: ['sbom/bom.json'] };
    const unnamed = graph([root('', '')]);

    const result = build([], [go, apiA, apiB, sbom, goSum, unnamed]);

    expect(result.services.map((s) => [s.record.name, s.record.path])).toEqual([
      ['tool', ''],
      ['api-svc-a', 'svc/a'],
      ['api-svc-b', 'svc/b'],
      ['sbom', 'sbom'],
      ['acme-shop', ''],
    ]);
    expect(result.services[0]?.graphs.map((g) => g.graphIndex)).toEqual([0, 4]);
    expect(result.services[3]?.graphs).toEqual([
      { graphIndex: 3, rootKeys: [] },
    ]);
  });

  it('keeps descriptor services without graphs and suffixes clashing implicit names', () => {
    const entities = [component('api', 'docs/catalog-info.yaml')];
    const api = graph([root('api', 'services/api')]);

    const result = build(entities, [api]);

    expect(
      result.services.map((s) => [s.record.name, s.graphs.length]),
    ).toEqual([
      ['api', 0],
      ['api-services-api', 1],
    ]);
  });

  it('warns about a component declared twice and keeps the first', () => {
    const entities = [
      component('api', 'catalog-info.yaml'),
      component('api', 'services/catalog-info.yaml'),
    ];

    const result = build(entities, []);

    expect(result.services).toHaveLength(1);
    expect(result.warnings).toEqual([
      expect.objectContaining({
        file: 'services/catalog-info.yaml',
        code: 'ERR_CATALOG_DUPLICATE_ENTITY',
      }),
    ]);
  });
});

describe('buildServices: exposure annotations', () => {
  it('warns about a value that is neither "true" nor "false", and lets the tag decide', () => {
    const entities = [
      component('api', 'catalog-info.yaml', {
        annotations: {
          'quartermaster.dev/internet-facing': 'yes',
          'quartermaster.dev/user-data': 'true',
        },
        tags: ['internet-facing'],
      }),
    ];

    const result = build(entities, []);

    expect(result.warnings).toEqual([
      expect.objectContaining({
        file: 'catalog-info.yaml',
        code: 'ERR_EXPOSURE_VALUE',
        message: expect.stringContaining(
          'quartermaster.dev/internet-facing is "yes"',
        ),
      }),
    ]);
    expect(result.services[0]!.record.exposure).toEqual({
      internetFacing: true,
      userData: true,
      paymentPath: false,
    });
  });
});

describe('buildServices: owners', () => {
  const codeowners = parseCodeowners(
    '* @acme/platform\nservices/pay/ @acme/payments @jdoe\nlegacy/\n',
    '.github/CODEOWNERS',
  );
  const system: CatalogEntity = {
    kind: 'System',
    ref: 'system:default/shop',
    namespace: 'default',
    name: 'shop',
    tags: [],
    annotations: {},
    file: 'catalog-info.yaml',
    owner: 'group:default/shop-team',
  };

  it.each([
    {
      case: 'spec.owner',
      entities: [
        component('a', 'services/pay/catalog-info.yaml', {
          owner: 'group:default/a-team',
        }),
      ],
      graphs: [],
      owner: ['group:default/a-team', 'catalog'],
    },
    {
      case: "the system's owner",
      entities: [
        system,
        component('a', 'x/catalog-info.yaml', {
          system: 'system:default/shop',
        }),
      ],
      graphs: [],
      owner: ['group:default/shop-team', 'catalog'],
    },
    {
      case: 'CODEOWNERS for the main manifest, first owner',
      entities: [],
      graphs: [graph([root('pay', 'services/pay')])],
      owner: ['group:default/payments', 'codeowners'],
    },
    {
      case: 'CODEOWNERS for the descriptor of a service without graphs',
      entities: [component('b', 'catalog-info.yaml')],
      graphs: [],
      owner: ['group:default/platform', 'codeowners'],
    },
    {
      case: 'nobody, where CODEOWNERS un-owns',
      entities: [],
      graphs: [graph([root('old', 'legacy')])],
      owner: [UNOWNED, 'none'],
    },
  ])('takes $case', ({ entities, graphs, owner }) => {
    const result = build(entities, graphs, { codeowners });

    const record = result.services[0]?.record;
    expect([record?.owner, record?.ownerSource]).toEqual(owner);
  });
});

describe('buildServices: records', () => {
  it('reads exposure, stack and descriptor fields into the record', () => {
    const entities = [
      component('shop', 'catalog-info.yaml', {
        title: 'Shop',
        type: 'service',
        lifecycle: 'production',
        tags: ['internet-facing', 'pii'],
        annotations: { 'quartermaster.dev/user-data': 'false' },
      }),
    ];
    const shop = root('shop', '');
    const react: GraphPackage = {
      key: 'node_modules/react',
      ecosystem: 'npm',
      name: 'react',
      version: '18.2.0',
      purl: 'pkg:npm/react@18.2.0',
      source: 'registry',
      scope: 'prod',
      direct: true,
      file: 'package-lock.json',
    };
    const lockfile: DependencyGraph = {
      ...graph([shop], ['package-lock.json', 'package.json']),
      packages: [react],
      edges: [{ from: shop.key, to: react.key }],
    };

    const result = build(entities, [lockfile], {
      files: ['package.json', 'package-lock.json', 'tsconfig.json'],
    });

    expect(result.services[0]?.record).toMatchObject({
      name: 'shop',
      title: 'Shop',
      type: 'service',
      lifecycle: 'production',
      repository: REPO,
      path: '',
      descriptorFile: 'catalog-info.yaml',
      exposure: { internetFacing: true, userData: false, paymentPath: false },
      stack: {
        languages: ['JavaScript', 'TypeScript'],
        packageManagers: ['npm'],
        frameworks: ['react'],
      },
    });
  });
});

describe('buildServices on a real repository (snyk-cli)', () => {
  it('gives every root of the workspace lockfile to the one component', async () => {
    const folder = path.join(CORPUS_DIR, 'snyk-cli');
    const repository = repositoryAt(folder);
    const text = (await repository.readText('package-lock.json')) ?? '';
    const lockfile = await packageLockExtractor.extract({
      path: 'package-lock.json',
      text,
      repository,
    });

    const result = buildServices({
      repository: folder,
      files: repository.paths,
      descriptors: await readCatalogDescriptors(repository),
      codeowners: await readCodeowners(repository),
      graphs: [lockfile],
    });

    // One catalog-info.yaml at the top: every root is the component's.
    expect(result.services).toHaveLength(1);
    expect(result.services[0]?.record).toMatchObject({
      name: 'cli',
      owner: 'group:default/cli',
      ownerSource: 'catalog',
      stack: { packageManagers: ['npm'] },
    });
    expect(result.services[0]?.graphs).toEqual([
      { graphIndex: 0, rootKeys: lockfile.roots.map((r) => r.key) },
    ]);
    expect(lockfile.roots.length).toBeGreaterThan(1);
  });
});
