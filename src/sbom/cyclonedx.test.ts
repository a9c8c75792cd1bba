import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CORPUS_DIR, repositoryAt } from '../test-support/shared.js';
import type { Extractor } from '../ecosystems/types.js';
import { cycloneDxJsonExtractor } from './cyclonedx-json.js';
import { cycloneDxXmlExtractor } from './cyclonedx-xml.js';
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

// Independent route: a plain recursive walk over JSON.parse output, counting
// components whose purl type is one of the eight ecosystems (listed here by
// hand in test-support/purl-types.ts rather than taken from core/purl.ts).
interface Component {
  purl?: string;
  components?: Component[];
}
function countKnownPurls(components: Component[] = []): number {
  let count = 0;
  for (const c of components) {
    const type = /^pkg:([^/]+)\//.exec(c.purl ?? '')?.[1];
    if (type && KNOWN_PURL_TYPES.includes(type)) count += 1;
    count += countKnownPurls(c.components);
  }
  return count;
}

describe('CycloneDX JSON from the corpus', () => {
  it.each([
    ['sbom-cdx-cern-lhc-vdm-editor', 'bom.json'],
    ['sbom-cdx-dropwizard', 'bom.json'],
    ['sbom-cdx-juice-shop', 'bom.json'],
    ['sbom-cdx-laravel', 'bom.1.4.json'],
    ['sbom-cdx-proton-bridge', 'proton-bridge-v1.8.0.bom.json'],
  ])('%s', async (project, file) => {
    const dir = path.join(CORPUS_DIR, project);
    const json = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));

    const graph = await extract(cycloneDxJsonExtractor, dir, file);

    expect(cycloneDxJsonExtractor.matches(file)).toBe(true);
    expect(graph.packages).toHaveLength(countKnownPurls(json.components));
    expect(graph.roots).toHaveLength(1);
    expect(graph.packages.some((p) => p.direct)).toBe(true);
    expect(graph.warnings).toEqual([]);
  });

  // Values read by hand from the BOMs.
  it.each([
    [
      'sbom-cdx-dropwizard',
      'bom.json',
      'com.fasterxml.jackson.core:jackson-databind',
      '2.9.10',
      'Maven',
    ],
    [
      'sbom-cdx-proton-bridge',
      'proton-bridge-v1.8.0.bom.json',
      'github.com/ProtonMail/go-imap',
      'v0.0.0-20201228133358-4db68cea0cac',
      'Go',
    ],
    [
      'sbom-cdx-laravel',
      'bom.1.4.json',
      'asm89/stack-cors',
      '1.3.0',
      'Packagist',
    ],
  ])('%s has %s %s', async (project, file, name, version, ecosystem) => {
    const graph = await extract(
      cycloneDxJsonExtractor,
      path.join(CORPUS_DIR, project),
      file,
    );

    const found = graph.packages.filter((p) => p.name === name);

    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ version, ecosystem });
  });

  it('reads the laravel dependency graph from the root', async () => {
    const graph = await extract(
      cycloneDxJsonExtractor,
      path.join(CORPUS_DIR, 'sbom-cdx-laravel'),
      'bom.1.4.json',
    );

    expect(graph.roots[0]).toMatchObject({
      name: 'cyclonedx/cyclonedx-php-composer-demo',
      ecosystem: 'Packagist',
    });
    expect(graph.edges).toContainEqual({
      from: 'asm89/stack-cors-1.3.0.0',
      to: 'symfony/http-foundation-5.4.16.0',
    });
  });
});

describe('CycloneDX fixtures', () => {
  it('reads XML with nesting, scopes, dependencies and skipped components', async () => {
    const graph = await extract(
      cycloneDxXmlExtractor,
      FIXTURES,
      'nested.cdx.xml',
    );

    expect(graph.roots).toEqual([
      {
        key: 'root:app',
        name: 'shop',
        path: '',
        ecosystem: 'npm',
        file: 'nested.cdx.xml',
      },
    ]);
    expect(graph.packages.map((p) => [p.name, p.scope, p.direct])).toEqual([
      ['express', 'prod', true],
      ['body-parser', 'prod', false],
      ['jest', 'dev', true],
      ['com.google.guava:guava', 'prod', false],
    ]);
    expect(graph.edges).toEqual(
      expect.arrayContaining([
        { from: 'express', to: 'body-parser' },
        { from: 'root:app', to: 'jest', scope: 'dev' },
        { from: 'express', to: 'guava' },
      ]),
    );
    expect(graph.warnings.map((w) => w.message)).toEqual([
      expect.stringContaining('(no-purl): debian@12'),
      expect.stringContaining('(unsupported-purl-type): zlib@1.2.13'),
    ]);
  });

  it('makes top-level components direct when there is no dependencies section', async () => {
    const graph = await extract(
      cycloneDxJsonExtractor,
      FIXTURES,
      'no-dependencies.cdx.json',
    );

    expect(graph.packages.map((p) => [p.purl, p.scope, p.direct])).toEqual([
      ['pkg:pypi/requests@2.31.0', 'prod', true],
      ['pkg:nuget/newtonsoft.json@13.0.3', 'optional', true],
      ['pkg:cargo/inner@0.1.0', 'prod', false],
    ]);
    expect(graph.warnings.map((w) => w.message)).toEqual([
      expect.stringContaining('(no-purl): README.md'),
      expect.stringContaining('(invalid-purl): broken'),
      expect.stringContaining('1 components are not valid'),
    ]);
  });

  it.each([
    [cycloneDxXmlExtractor, 'bomb.cdx.xml', 'ERR_XML_DOCTYPE', 2],
    [cycloneDxXmlExtractor, 'truncated.cdx.xml', 'ERR_SBOM_SYNTAX', 5],
    [cycloneDxJsonExtractor, 'truncated.cdx.json', 'ERR_SBOM_SYNTAX', 4],
  ])('refuses file %$2', async (extractor, file, code, line) => {
    const failure = extract(extractor, FIXTURES, file);

    await expect(failure).rejects.toMatchObject({ code, file, line });
  });

  it('refuses JSON that is not CycloneDX', async () => {
    const failure = cycloneDxJsonExtractor.extract({
      path: 'bom.json',
      text: '{"bomFormat": "SPDX"}',
      repository: repositoryAt(FIXTURES),
    });

    await expect(failure).rejects.toMatchObject({ code: 'ERR_SBOM_FORMAT' });
  });

  it.each([
    ['bom.json', true],
    ['sub/bom.json', true],
    ['bom.1.4.json', true],
    ['app.cdx.json', true],
    ['app-1.0.bom.json', true],
    ['xbom.json', false],
    ['bom.jsonx', false],
  ])('JSON extractor matches %s: %s', (file, expected) => {
    expect(cycloneDxJsonExtractor.matches(file)).toBe(expected);
  });
});
