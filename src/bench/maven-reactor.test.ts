import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { DiskRepositoryFiles } from '../catalog/repository-files.js';
import { resolveReactor } from '../ecosystems/maven/reactor.js';
import { MavenRepositoryClient } from '../ecosystems/maven/repository-client.js';
import { formatMavenTree } from '../ecosystems/maven/tree-text.js';
import { SHARED_DIR } from '../test-support/shared.js';
import {
  measureMavenReactor,
  renderMavenReactorSection,
} from './maven-reactor.js';
import { writeSyntheticReactor } from './synthetic-reactor.js';

const here = path.dirname(fileURLToPath(import.meta.url));
// Maven 3.8.7's own trees for this reactor (see regenerate.sh beside it).
const MAVEN_TREES = readFileSync(
  path.join(here, '__fixtures__/maven-reactor/maven-tree.txt'),
  'utf8',
);
const SMALL = { modules: 10, layerWidth: 3 };

/** Maven's trees as lines of [depth, coordinates, scope], one list per module. */
function mavenTrees(): Array<Array<[number, string[], string]>> {
  const trees: Array<Array<[number, string[], string]>> = [];
  for (const line of MAVEN_TREES.split('\n')) {
    const match = /^( *)([\w.-]+(?::[\w.-]+){3,5})/.exec(line);
    if (!match) continue;
    const depth = (match[1] as string).length / 3;
    const parts = (match[2] as string).split(':');
    const scope = depth === 0 ? 'compile' : (parts.pop() as string);
    if (depth === 0) trees.push([]);
    trees.at(-1)?.push([depth, parts, scope]);
  }
  return trees;
}

/**
 * What the scan graph should hold, counted from Maven's trees: every
 * library once by version, an edge per parent, child and scope, and a
 * module met below another module as an edge to its root, not a subtree.
 */
function expectedFromMaven() {
  const packages = new Set<string>();
  const edges = new Set<string>();
  const trees = mavenTrees();
  for (const tree of trees) {
    const ids: string[] = [];
    let skipBelow = Infinity;
    for (const [depth, [group, artifact, type, ...rest], scope] of tree) {
      if (depth > skipBelow) continue;
      skipBelow = Infinity;
      const module = group === 'org.example.qm';
      const typePart = type === 'jar' ? '' : `:${type}`;
      const classifier = rest.length === 2 ? `:${rest[0]}` : '';
      const id = module
        ? `module ${artifact}`
        : `${group}:${artifact}${typePart}${classifier}@${rest.at(-1)}`;
      ids[depth] = id;
      if (depth === 0) continue;
      if (module) skipBelow = depth;
      else packages.add(id);
      edges.add(`${ids[depth - 1]} > ${id} ${scope}`);
    }
  }
  return {
    roots: trees.length,
    packages: packages.size,
    edges: edges.size,
    moduleEdges: [...edges].filter((e) => / > module /.test(e)).length,
  };
}

let work: string | undefined;

afterEach(() => {
  if (work) rmSync(work, { recursive: true, force: true });
  work = undefined;
});

describe('the synthetic reactor', () => {
  it('resolves module by module to the trees Maven 3.8.7 prints', async () => {
    work = mkdtempSync(path.join(tmpdir(), 'qm-reactor-'));
    const reactor = writeSyntheticReactor({ root: work, ...SMALL });
    const client = new MavenRepositoryClient({
      repositories: [],
      cacheDir: path.join(work, 'no-cache'),
      localRepository: path.join(SHARED_DIR, 'maven-repo'),
      offline: true,
    });

    const resolved = await resolveReactor({
      rootFile: 'pom.xml',
      repository: new DiskRepositoryFiles({
        root: work,
        paths: reactor.files,
      }),
      client,
    });

    expect(resolved.failures).toEqual([]);
    const ours = resolved.modules.map((m) =>
      formatMavenTree(m.resolution.root),
    );
    expect(ours).toHaveLength(mavenTrees().length);
    expect(ours.join('\n')).toBe(
      MAVEN_TREES.split('\n')
        .filter((l) => /^ *[\w.-]+:[\w.-]+:/.test(l))
        .join('\n'),
    );
  });
});

describe('measureMavenReactor', () => {
  it('measures the graph Maven resolves, the same on every run', async () => {
    const expected = expectedFromMaven();

    const result = await measureMavenReactor({ ...SMALL, runs: 2 });

    expect(result.graph).toMatchObject({ ...expected, failures: 0 });
    expect(expected.packages).toBeGreaterThan(40);
    expect(Object.keys(result.graph.warnings)).toEqual([
      'MAVEN_VERSION_MEDIATED',
    ]);
    expect(result).toMatchObject({ modules: 10, layers: 4, reactorPoms: 11 });
    expect(result.warm).toHaveLength(2);
    expect(result.floor.files).toBe(result.reactorPoms + result.cachedPoms);
    // Independent count: each POM in the cache was fetched once, cold;
    // the modules were never requested and the warm runs asked nothing.
    expect(result.cold.requests).toBe(result.cachedPoms);
    expect(result.warmRequests).toBe(0);
  });

  it('renders the figures it was given', () => {
    const section = renderMavenReactorSection({
      modules: 200,
      layers: 10,
      reactorPoms: 201,
      cachedPoms: 120,
      cold: { wallMs: 4000, cpuMs: 2500, requests: 300 },
      warm: [
        { wallMs: 1500, cpuMs: 1100 },
        { wallMs: 1700, cpuMs: 1200 },
      ],
      warmMedian: { wallMs: 1500, cpuMs: 1100 },
      warmRequests: 0,
      graph: {
        roots: 201,
        packages: 88,
        edges: 1234,
        moduleEdges: 360,
        warnings: { MAVEN_VERSION_MEDIATED: 7, MAVEN_POM_MISSING: 2 },
        failures: 0,
        digest: 'x',
      },
      floor: { files: 321, bytes: 2048, cpuMs: 100, wallMs: 120 },
      ratio: 11,
      workDir: '/tmp/x',
    });

    expect(section).toContain('## Maven resolution: 200-module reactor');
    expect(section).toContain(
      '201 roots, 88 packages, 1234 edges (360 module → module); 7 mediations, 2 other warnings',
    );
    expect(section).toContain('**1500 ms wall**, 1100 ms CPU');
    expect(section).toContain('ms), 0 HTTP requests');
    expect(section).toContain('| warm CPU / floor CPU | 11.0× |');
  });
});
