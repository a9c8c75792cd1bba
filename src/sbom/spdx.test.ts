import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Extractor } from '../ecosystems/types.js';
import { CORPUS_DIR, repositoryAt } from '../test-support/shared.js';
import { spdxJsonExtractor } from './spdx-json.js';
import { spdxTagValueExtractor } from './spdx-tag-value.js';
import { KNOWN_PURL_TYPES } from '../test-support/purl-types.js';

const FIXTURES = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '__fixtures__',
);

async function extract(extractor: Extractor, dir: string, file: string) {
  const repository = repositoryAt(dir);
  const text = (await repository.readText(file)) as string;
  return extractor.extract({ path: file, text, repository });
}

interface SpdxJson {
  documentDescribes?: string[];
  packages: Array<{
    SPDXID: string;
    externalRefs?: Array<{ referenceType: string; referenceLocator: string }>;
  }>;
}

// Independent route: JSON.parse, then the packages count split by hand-made
// rules: described ones are roots, those with a purl of one of the eight
// ecosystem types are packages, the rest are skipped.
function expectedCounts(file: string) {
  const json = JSON.parse(readFileSync(file, 'utf8')) as SpdxJson;
  const described = new Set(json.documentDescribes ?? []);
  let packages = 0;
  for (const p of json.packages) {
    const purl = p.externalRefs?.find((r) => r.referenceType === 'purl');
    const type = /^pkg:([^/]+)\//.exec(purl?.referenceLocator ?? '')?.[1];
    if (!described.has(p.SPDXID) && type && KNOWN_PURL_TYPES.includes(type))
      packages += 1;
  }
  return { all: json.packages.length, packages };
}

describe('SPDX JSON from the corpus', () => {
  it.each([
    ['sbom-spdx-acme', 'ACME-v2.3.spdx.json', 1],
    ['sbom-spdx-examplemaven', 'examplemaven-0.0.1-enriched.spdx.json', 1],
    ['sbom-spdx-hello-src', 'hello-src.spdx.json', 1],
  ])('%s', async (project, file, roots) => {
    const dir = path.join(CORPUS_DIR, project);
    const expected = expectedCounts(path.join(dir, file));

    const graph = await extract(spdxJsonExtractor, dir, file);

    expect(graph.roots).toHaveLength(roots);
    expect(graph.packages).toHaveLength(expected.packages);
    const skipped = graph.warnings
      .map((w) => Number(/^(\d+) entries/.exec(w.message)?.[1] ?? 0))
      .reduce((a, b) => a + b, 0);
    expect(roots + graph.packages.length + skipped).toBe(expected.all);
  });

  it('reads ACME: the described package is the root, CONTAINS an npm package', async () => {
    const graph = await extract(
      spdxJsonExtractor,
      path.join(CORPUS_DIR, 'sbom-spdx-acme'),
      'ACME-v2.3.spdx.json',
    );

    expect(graph.roots[0]).toMatchObject({
      name: 'Acme Applcation',
      ecosystem: 'npm',
    });
    expect(graph.packages).toEqual([
      expect.objectContaining({ purl: 'pkg:npm/elliptic@6.5.2', direct: true }),
    ]);
  });

  it('finds the root of examplemaven through a DESCRIBES relationship', async () => {
    const graph = await extract(
      spdxJsonExtractor,
      path.join(CORPUS_DIR, 'sbom-spdx-examplemaven'),
      'examplemaven-0.0.1-enriched.spdx.json',
    );

    expect(graph.roots.map((r) => r.name)).toEqual(['examplemaven']);
  });
});

describe('SPDX JSON of the wrong structure', () => {
  const VERSION = '"spdxVersion": "SPDX-2.3"';

  it.each([
    [`{${VERSION}, "packages": 5}`, 'a number at "packages"'],
    [`{${VERSION}, "packages": {}}`, 'an object at "packages"'],
    [`{${VERSION}, "relationships": "x"}`, 'a string at "relationships"'],
    [`{${VERSION}, "documentDescribes": null}`, 'null at "documentDescribes"'],
  ])('%s names the field, not spdxVersion', async (text, found) => {
    const failure = spdxJsonExtractor.extract({
      path: 'sbom/app.spdx.json',
      text,
      repository: { paths: [], readText: async () => undefined },
    });

    await expect(failure).rejects.toMatchObject({
      code: 'ERR_SBOM_FORMAT',
      file: 'sbom/app.spdx.json',
      message:
        `app.spdx.json has ${found}; expected an array; ` +
        'export it again with an SPDX 2.2 or 2.3 tool',
    });
  });

  it.each([
    ['{"packages": 5}'],
    ['{"spdxVersion": "SPDX-3.0", "packages": []}'],
  ])('%s still says spdxVersion is missing', async (text) => {
    const failure = spdxJsonExtractor.extract({
      path: 'app.spdx.json',
      text,
      repository: { paths: [], readText: async () => undefined },
    });

    await expect(failure).rejects.toThrow('no "spdxVersion": "SPDX-2.x"');
  });

  it('keeps entries lenient: a describes id that is no string is dropped', async () => {
    const text = `{${VERSION}, "documentDescribes": [5], "packages": [5]}`;

    const graph = await spdxJsonExtractor.extract({
      path: 'app.spdx.json',
      text,
      repository: { paths: [], readText: async () => undefined },
    });

    expect(graph.packages).toEqual([]);
  });
});

describe('SPDX tag-value', () => {
  it('reads packages, purls and relationships', async () => {
    const graph = await extract(spdxTagValueExtractor, FIXTURES, 'app.spdx');

    expect(graph.roots).toMatchObject([
      { key: 'root:SPDXRef-app', name: 'app', ecosystem: 'RubyGems' },
    ]);
    expect(
      graph.packages.map((p) => [p.purl, p.scope, p.direct, p.line]),
    ).toEqual([
      ['pkg:gem/rails@7.1.2', 'prod', true, 17],
      ['pkg:gem/rack@3.0.8', 'prod', false, 23],
      ['pkg:gem/rspec@3.12.0', 'test', true, 30],
    ]);
    expect(graph.edges).toContainEqual({
      from: 'SPDXRef-rails',
      to: 'SPDXRef-rack',
    });
    expect(graph.warnings.map((w) => w.message)).toEqual([
      expect.stringContaining('(no-purl): libc@2.36'),
    ]);
  });

  it('refuses a file without SPDXVersion', async () => {
    const failure = extract(spdxTagValueExtractor, FIXTURES, 'not-spdx.spdx');

    await expect(failure).rejects.toMatchObject({ code: 'ERR_SBOM_FORMAT' });
  });

  it.each([
    ['app.spdx', spdxTagValueExtractor, true],
    ['app.spdx.tv', spdxTagValueExtractor, true],
    ['app.spdx.json', spdxJsonExtractor, true],
    ['app.spdx.json', spdxTagValueExtractor, false],
  ])('%s matched: %s', (file, extractor, expected) => {
    expect(extractor.matches(file)).toBe(expected);
  });
});
