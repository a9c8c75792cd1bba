import { describe, expect, test } from 'vitest';
import {
  cycloneDx16Validator,
  spdx23Validator,
} from './__fixtures__/validators.js';
import { toCycloneDx } from './cyclonedx.js';
import type { SbomGraph } from './sbom-graph.js';
import { toSpdx } from './spdx.js';

/*
 * Hand-drawn: app → express (prod), app → jest (dev); express → qs twice
 * (two install paths of one version, as npm lays them out); jest → qs.
 * 3 distinct purls; purl edges: express→qs, jest→qs.
 */
const graph: SbomGraph = {
  service: { namespace: 'default', name: 'cart', owner: 'group:team-a' },
  roots: [{ key: 'root', name: 'cart', path: '', ecosystem: 'npm' }],
  packages: [
    pkg('node_modules/express', 'express', '4.18.2', 'prod', true),
    pkg('node_modules/@jest/core', '@jest/core', '29.0.0', 'dev', true),
    pkg('node_modules/qs', 'qs', '6.11.0', 'dev', false),
    pkg('node_modules/express/node_modules/qs', 'qs', '6.11.0', 'prod', false),
    {
      key: 'm',
      ecosystem: 'Maven',
      name: 'org.slf4j:slf4j-api',
      version: '2.0.9',
      purl: 'pkg:maven/org.slf4j/slf4j-api@2.0.9',
      scope: 'optional',
      direct: true,
    },
  ],
  edges: [
    ['root', 'node_modules/express'],
    ['root', 'node_modules/@jest/core'],
    ['root', 'm'],
    ['node_modules/express', 'node_modules/express/node_modules/qs'],
    ['node_modules/@jest/core', 'node_modules/qs'],
  ],
};

function pkg(
  key: string,
  name: string,
  version: string,
  scope: string,
  direct: boolean,
) {
  const purlName = name.replace('@', '%40');
  return {
    key,
    ecosystem: 'npm',
    name,
    version,
    purl: `pkg:npm/${purlName}@${version}`,
    scope,
    direct,
  };
}

const options = { toolVersion: '9.9.9', timestamp: new Date(0) };

describe('toCycloneDx', () => {
  const bom = toCycloneDx(graph, options);
  const byPurl = new Map(bom.components.map((c) => [c.purl, c]));

  test('is valid CycloneDX 1.6', () => {
    const validate = cycloneDx16Validator();

    const valid = validate(bom);

    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  test.each([
    ['pkg:npm/express@4.18.2', undefined, 'express', 'required'],
    ['pkg:npm/%40jest/core@29.0.0', '@jest', 'core', 'excluded'],
    // dev through jest, prod through express: prod wins
    ['pkg:npm/qs@6.11.0', undefined, 'qs', 'required'],
    [
      'pkg:maven/org.slf4j/slf4j-api@2.0.9',
      'org.slf4j',
      'slf4j-api',
      'optional',
    ],
  ])('%s: group %s, name %s, scope %s', (purl, group, name, scope) => {
    const component = byPurl.get(purl);

    expect(component).toMatchObject({ name, scope, 'bom-ref': purl });
    expect(component?.group).toBe(group);
  });

  test('one component per distinct purl; edges by purl, roots folded', () => {
    const deps = new Map(bom.dependencies.map((d) => [d.ref, d.dependsOn]));

    expect(bom.components).toHaveLength(4);
    expect(deps.get('service:default/cart')).toEqual([
      'pkg:maven/org.slf4j/slf4j-api@2.0.9',
      'pkg:npm/%40jest/core@29.0.0',
      'pkg:npm/express@4.18.2',
    ]);
    expect(deps.get('pkg:npm/express@4.18.2')).toEqual(['pkg:npm/qs@6.11.0']);
    expect(deps.get('pkg:npm/qs@6.11.0')).toEqual([]);
  });

  test('several roots become application components', () => {
    const twoRoots: SbomGraph = {
      ...graph,
      roots: [
        ...graph.roots,
        { key: 'web', name: 'web', path: 'web', ecosystem: 'npm' },
      ],
      edges: [...graph.edges, ['web', 'node_modules/qs']],
    };

    const out = toCycloneDx(twoRoots, options);
    const deps = new Map(out.dependencies.map((d) => [d.ref, d.dependsOn]));

    expect(cycloneDx16Validator()(out)).toBe(true);
    expect(deps.get('service:default/cart')).toEqual(['root:root', 'root:web']);
    expect(deps.get('root:web')).toEqual(['pkg:npm/qs@6.11.0']);
  });
});

describe('toSpdx', () => {
  const doc = toSpdx(graph, options);
  const idOf = new Map(
    doc.packages.map((p) => [
      (p.externalRefs as Array<{ referenceLocator: string }> | undefined)?.[0]
        ?.referenceLocator ?? 'service',
      p.SPDXID as string,
    ]),
  );

  test('is structurally valid SPDX 2.3', () => {
    expect(spdx23Validator()(doc)).toEqual([]);
  });

  test('namespace is unique per document and outside any registry', () => {
    const again = toSpdx(graph, options);

    expect(again.documentNamespace).not.toBe(doc.documentNamespace);
    expect(doc.documentNamespace).toMatch(
      /^https:\/\/quartermaster\.invalid\/spdx\/default\/cart\//,
    );
  });

  test.each([
    ['service', 'DEPENDS_ON', 'pkg:npm/express@4.18.2'],
    ['pkg:npm/%40jest/core@29.0.0', 'DEV_DEPENDENCY_OF', 'service'],
    [
      'pkg:maven/org.slf4j/slf4j-api@2.0.9',
      'OPTIONAL_DEPENDENCY_OF',
      'service',
    ],
    ['pkg:npm/express@4.18.2', 'DEPENDS_ON', 'pkg:npm/qs@6.11.0'],
    ['pkg:npm/%40jest/core@29.0.0', 'DEPENDS_ON', 'pkg:npm/qs@6.11.0'],
  ])('%s %s %s', (from, type, to) => {
    expect(doc.relationships).toContainEqual({
      spdxElementId: idOf.get(from),
      relationshipType: type,
      relatedSpdxElement: idOf.get(to),
    });
  });

  test('DOCUMENT DESCRIBES the service; 1 + 5 relationships in all', () => {
    expect(doc.relationships[0]).toEqual({
      spdxElementId: 'SPDXRef-DOCUMENT',
      relationshipType: 'DESCRIBES',
      relatedSpdxElement: idOf.get('service'),
    });
    expect(doc.relationships).toHaveLength(6);
  });
});
