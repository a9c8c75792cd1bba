import { cp, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DependencyGraph } from '../../core/model.js';
import { extractRepository } from '../../scan/extract-repository.js';
import { repositoryAt, SHARED_DIR } from '../../test-support/shared.js';
import type { ExtractionSettings } from '../types.js';
import { maven } from './index.js';
import { serveDirectory, type ServedDirectory } from './serve-directory.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const FIXTURES = path.join(here, '__fixtures__');
const TREE = 'dependency-tree.txt';

let server: ServedDirectory;
let temp: string;
let settings: ExtractionSettings;

beforeAll(async () => {
  server = await serveDirectory(path.join(SHARED_DIR, 'maven-repo'));
  temp = await mkdtemp(path.join(os.tmpdir(), 'qm-maven-saved-trees-'));
  settings = {
    maven: {
      repositories: [{ id: 'shared', url: server.url }],
      cacheDir: path.join(temp, 'cache'),
      localRepository: path.join(os.homedir(), '.m2', 'repository'),
    },
  };
});

afterAll(async () => {
  await server.close();
  await rm(temp, { recursive: true, force: true });
});

/** A copy of a fixture folder that a test may change. */
async function copyOf(fixture: string, name: string): Promise<string> {
  const dir = path.join(temp, name);
  await cp(path.join(FIXTURES, fixture), dir, { recursive: true });
  return dir;
}

async function extractAll(dir: string) {
  return extractRepository({
    repository: repositoryAt(dir),
    extractors: maven.extractors,
    settings,
  });
}

/** The only graph of an extraction that must yield exactly one. */
function onlyGraph(extraction: Awaited<ReturnType<typeof extractAll>>) {
  expect(extraction.failures).toEqual([]);
  expect(extraction.sources).toHaveLength(1);
  return extraction.sources[0]!.graph;
}

/** Each root's name, folder and direct dependencies (module roots by name). */
function directByRoot(graph: DependencyGraph) {
  const names = new Map(graph.roots.map((r) => [r.key, r.name]));
  return graph.roots.map((root) => [
    root.name,
    root.path,
    graph.edges
      .filter((e) => e.from === root.key)
      .map((e) => names.get(e.to) ?? e.to),
  ]);
}

/** The trees of parent-reactor's modules, from the fixture's console log. */
async function sectionsOf(dir: string): Promise<string[]> {
  const text = await readFile(path.join(dir, TREE), 'utf8');
  return text
    .split(/^\[INFO\] --- maven-dependency-plugin.*$/m)
    .slice(1)
    .map((s) => s.split(/^\[INFO\] -{20,}$/m)[0]!);
}

// By hand from tree-reactor/dependency-tree.txt (Maven 3.8.7's trees).
const ROOT = ['parent-reactor', '', ['junit:junit@4.13.2']];
const CORE = [
  'core',
  'core',
  [
    'org.apache.commons:commons-lang3@3.12.0',
    'org.apache.httpcomponents:httpclient@4.5.14',
    'junit:junit@4.13.2',
  ],
];
const APP = [
  'app',
  'app',
  ['core', 'org.apache.commons:commons-text@1.10.0', 'junit:junit@4.13.2'],
];

describe('a reactor with saved dependency:tree output', () => {
  it('gives every module its own tree from the file beside the root', async () => {
    const dir = path.join(FIXTURES, 'tree-reactor');

    const graph = onlyGraph(await extractAll(dir));

    expect(directByRoot(graph)).toEqual([ROOT, CORE, APP]);
    expect(graph.roots.map((r) => r.file)).toEqual([
      'pom.xml',
      'core/pom.xml',
      'app/pom.xml',
    ]);
    expect(graph.packages.map((p) => p.key).sort()).toEqual([
      'commons-codec:commons-codec@1.15',
      'commons-logging:commons-logging@1.2',
      'junit:junit@4.13.2',
      'org.apache.commons:commons-lang3@3.12.0',
      'org.apache.commons:commons-text@1.10.0',
      'org.apache.httpcomponents:httpclient@4.5.14',
      'org.apache.httpcomponents:httpcore@4.4.16',
      'org.hamcrest:hamcrest-core@1.3',
    ]);
    expect(graph.files.sort()).toEqual([
      'app/pom.xml',
      'core/pom.xml',
      TREE,
      'pom.xml',
    ]);
    expect(graph.warnings).toEqual([]);
  });

  it('gives the same graph whichever of the two files is read first', async () => {
    const dir = await copyOf('tree-reactor', 'late-tree');
    await rename(
      path.join(dir, TREE),
      path.join(dir, 'zz.dependency-tree.txt'),
    );

    const extraction = await extractAll(dir);

    const graph = onlyGraph(extraction);
    expect(extraction.sources[0]!.file).toBe('pom.xml');
    expect(directByRoot(graph)).toEqual([ROOT, CORE, APP]);
    expect(graph.files).toContain('zz.dependency-tree.txt');
  });

  it('reads the trees -DoutputFile writes into each module folder', async () => {
    const dir = await copyOf('tree-reactor', 'per-module');
    const [root, core, app] = await sectionsOf(dir);
    await writeFile(path.join(dir, TREE), root!);
    await writeFile(path.join(dir, 'core', TREE), core!);
    await writeFile(path.join(dir, 'app', TREE), app!);

    const graph = onlyGraph(await extractAll(dir));

    expect(directByRoot(graph)).toEqual([ROOT, CORE, APP]);
    expect(graph.files).toEqual(
      expect.arrayContaining([TREE, `core/${TREE}`, `app/${TREE}`]),
    );
    expect(graph.warnings).toEqual([]);
  });

  it('resolves a module the trees miss from its POM, with a warning', async () => {
    const dir = await copyOf('tree-reactor', 'missing-app');
    const [root, core] = await sectionsOf(dir);
    await writeFile(path.join(dir, TREE), `${root!}${core!}`);

    const graph = onlyGraph(await extractAll(dir));

    expect(directByRoot(graph)).toEqual([ROOT, CORE, APP]);
    expect(graph.warnings.map((w) => [w.file, w.code])).toEqual([
      ['app/pom.xml', 'MAVEN_MODULE_NOT_IN_TREE'],
    ]);
    expect(graph.warnings[0]!.message).toContain(
      'app/pom.xml (org.example.qm:app) is a module of the reactor but no ' +
        'saved dependency tree covers it (dependency-tree.txt); its ' +
        'dependencies are resolved from its POM instead',
    );
  });
});

describe('saved trees and modules that only inactive profiles list', () => {
  // As `mvn -Pdemo dependency:tree` prints it on a JDK below 17, so the
  // demo aggregator's "native" profile stays off: demo-native is missing.
  const tree = [
    'org.example.qm:profile-reactor:pom:3.1.0-SNAPSHOT',
    'org.example.qm:profile-core:jar:3.1.0-SNAPSHOT',
    '\\- commons-codec:commons-codec:jar:1.15:compile',
    'org.example.qm:profile-demo:pom:3.1.0-SNAPSHOT',
    'org.example.qm:profile-demo-app:jar:3.1.0-SNAPSHOT',
    '+- org.example.qm:profile-core:jar:3.1.0-SNAPSHOT:compile',
    '|  \\- commons-codec:commons-codec:jar:1.15:compile',
    '+- org.apache.commons:commons-lang3:jar:3.12.0:compile',
    '\\- org.apache.commons:commons-text:jar:1.10.0:compile',
    '',
  ].join('\n');

  it('takes the covered ones from the tree and resolves the rest', async () => {
    const dir = await copyOf('profile-reactor', 'profiles');
    await writeFile(path.join(dir, TREE), tree);

    const graph = onlyGraph(await extractAll(dir));

    expect(directByRoot(graph)).toEqual([
      ['profile-reactor', '', []],
      ['profile-core', 'core', ['commons-codec:commons-codec@1.15']],
      ['profile-demo', 'demo', []],
      [
        'profile-demo-app',
        'demo/demo-app',
        [
          'profile-core',
          'org.apache.commons:commons-lang3@3.12.0',
          'org.apache.commons:commons-text@1.10.0',
        ],
      ],
      [
        'profile-demo-native',
        'demo/demo-native',
        ['profile-demo-app', 'junit:junit@4.13.2'],
      ],
    ]);
    // The tree shows the demo was built; demo-native and broken were not.
    expect(graph.warnings.map((w) => [w.file, w.code])).toEqual([
      ['demo/demo-native/pom.xml', 'MAVEN_MODULE_OUTSIDE_DEFAULT_REACTOR'],
      ['broken/pom.xml', 'MAVEN_MODULE_OUTSIDE_DEFAULT_REACTOR'],
      ['broken/pom.xml', 'ERR_POM_PARENT_MISSING'],
    ]);
  });
});
