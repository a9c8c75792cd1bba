import { copyFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractRepository } from '../../scan/extract-repository.js';
import { repositoryAt, SHARED_DIR } from '../../test-support/shared.js';
import type { ExtractionSettings } from '../types.js';
import { maven } from './index.js';
import { serveDirectory, type ServedDirectory } from './serve-directory.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const FIXTURES = path.join(here, '__fixtures__');
const [pomExtractor, treeExtractor] = maven.extractors;

let server: ServedDirectory;
let temp: string;
let settings: ExtractionSettings;

beforeAll(async () => {
  server = await serveDirectory(path.join(SHARED_DIR, 'maven-repo'));
  temp = await mkdtemp(path.join(os.tmpdir(), 'qm-maven-index-'));
  settings = {
    maven: {
      repositories: [{ id: 'shared', url: server.url }],
      cacheDir: temp,
      localRepository: path.join(os.homedir(), '.m2', 'repository'),
    },
  };
});

afterAll(async () => {
  await server.close();
  await rm(temp, { recursive: true, force: true });
});

async function extract(dir: string, file: string, extractor = pomExtractor) {
  const repository = repositoryAt(dir);
  const text = (await repository.readText(file)) as string;
  return extractor!.extract({ path: file, text, repository, settings });
}

describe('maven-pom extractor', () => {
  it('matches pom.xml files only', () => {
    const matched = [
      'pom.xml',
      'a/b/pom.xml',
      'pom.xml.bak',
      'my-pom.xml',
    ].filter((p) => pomExtractor!.matches(p));

    expect(matched).toEqual(['pom.xml', 'a/b/pom.xml']);
  });

  it('reads a reactor into one graph with a root per module', async () => {
    const dir = path.join(FIXTURES, 'projects/parent-reactor');
    // Independent count: distinct artifacts in Maven's own trees, minus modules.
    const mavenText = await readFile(path.join(dir, 'maven-tree.txt'), 'utf8');
    const artifacts = new Set(
      [...mavenText.matchAll(/^\s+([\w.-]+:[\w.-]+):\w+:([\w.-]+):/gm)].map(
        (m) => `${m[1]}@${m[2]}`,
      ),
    );
    artifacts.delete('org.example.qm:core@2.0-SNAPSHOT');

    const graph = await extract(dir, 'pom.xml');

    expect(graph.roots.map((r) => [r.name, r.path, r.file])).toEqual([
      ['parent-reactor', '', 'pom.xml'],
      ['core', 'core', 'core/pom.xml'],
      ['app', 'app', 'app/pom.xml'],
    ]);
    expect(graph.files).toEqual(['pom.xml', 'core/pom.xml', 'app/pom.xml']);
    expect(new Set(graph.packages.map((p) => p.key))).toEqual(artifacts);
    const app = graph.roots[2]!.key;
    const core = graph.roots[1]!.key;
    expect(graph.edges).toContainEqual({ from: app, to: core, scope: 'prod' });
    const junit = graph.packages.find((p) => p.name === 'junit:junit');
    expect(junit).toMatchObject({
      scope: 'test',
      direct: true,
      purl: 'pkg:maven/junit/junit@4.13.2',
    });
  });

  it('lets the aggregator consume its module POMs', async () => {
    const dir = path.join(FIXTURES, 'projects/parent-reactor');

    const graph = await extract(dir, 'core/pom.xml');

    expect(graph).toMatchObject({
      roots: [],
      packages: [],
      files: ['core/pom.xml'],
    });
  });

  it('reports each broken module and still resolves the rest', async () => {
    const dir = path.join(FIXTURES, 'broken-reactor');

    const graph = await extract(dir, 'pom.xml');

    expect(graph.roots.map((r) => r.name)).toEqual(['broken-reactor', 'good']);
    const byFile = graph.warnings
      .filter((w) => w.code.startsWith('ERR_'))
      .map((w) => [w.file, w.code]);
    expect(byFile).toEqual([
      ['truncated/pom.xml', 'ERR_POM_SYNTAX'],
      ['laughs/pom.xml', 'ERR_POM_DOCTYPE'],
      ['cycle-a/pom.xml', 'ERR_POM_PARENT_CYCLE'],
      ['orphan/pom.xml', 'ERR_POM_PARENT_MISSING'],
      ['absent/pom.xml', 'ERR_POM_NOT_FOUND'],
    ]);
    // The shared repository's README: [1.7,2.0) of slf4j-api selects 1.7.36 there.
    expect(
      graph.packages.find((p) => p.name === 'org.slf4j:slf4j-api'),
    ).toMatchObject({
      version: '1.7.36',
      declared: '[1.7,2.0)',
    });
    expect(graph.warnings.map((w) => w.code)).toContain('MAVEN_POM_MISSING');
  });

  it('throws for a root POM that cannot be read at all', async () => {
    const dir = path.join(temp, 'truncated-root');
    await mkdir(dir, { recursive: true });
    await copyFile(
      path.join(FIXTURES, 'truncated.pom.xml'),
      path.join(dir, 'pom.xml'),
    );

    const attempt = extract(dir, 'pom.xml');

    await expect(attempt).rejects.toMatchObject({ code: 'ERR_POM_SYNTAX' });
  });
});

describe('modules that only inactive profiles list', () => {
  const dir = path.join(FIXTURES, 'profile-reactor');
  const outside = (graph: Awaited<ReturnType<typeof extract>>) =>
    graph.warnings.filter(
      (w) => w.code === 'MAVEN_MODULE_OUTSIDE_DEFAULT_REACTOR',
    );

  it('resolves them with the reactor, each with a warning', async () => {
    const graph = await extract(dir, 'pom.xml');

    expect(graph.roots.map((r) => r.name)).toEqual([
      'profile-reactor',
      'profile-core',
      'profile-demo',
      'profile-demo-app',
      'profile-demo-native',
    ]);
    const root = (name: string) =>
      graph.roots.find((r) => r.name === name)!.key;
    // By hand from the fixture: core is a module; lang3's version is managed.
    const fromApp = graph.edges.filter(
      (e) => e.from === root('profile-demo-app'),
    );
    expect(fromApp.map((e) => e.to)).toEqual([
      root('profile-core'),
      'org.apache.commons:commons-lang3@3.12.0',
      'org.apache.commons:commons-text@1.10.0',
    ]);
    expect(graph.files).toContain('demo/demo-native/pom.xml');
    expect(outside(graph).map((w) => w.file)).toEqual([
      'demo/pom.xml',
      'demo/demo-app/pom.xml',
      'demo/demo-native/pom.xml',
      'broken/pom.xml',
    ]);
    expect(outside(graph)[2]!.message).toContain(
      '("demo" or "release" of pom.xml, then "native" of demo/pom.xml); ' +
        'its dependencies are resolved as a module of this reactor (Maven builds it with -Pdemo,native)',
    );
  });

  it('says why one that cannot be built has no packages', async () => {
    const graph = await extract(dir, 'pom.xml');

    const broken = graph.warnings.filter((w) => w.file === 'broken/pom.xml');
    expect(broken.map((w) => w.code)).toEqual([
      'MAVEN_MODULE_OUTSIDE_DEFAULT_REACTOR',
      'ERR_POM_PARENT_MISSING',
    ]);
    expect(broken[0]!.message).toContain(
      'none of its dependencies are listed (see its ERR_POM_PARENT_MISSING warning)',
    );
  });

  it('leaves none of their POMs to become an empty service', async () => {
    const repository = repositoryAt(dir);

    const extraction = await extractRepository({
      repository,
      extractors: maven.extractors,
      settings,
    });

    expect(extraction.sources.map((s) => s.file)).toEqual(['pom.xml']);
    expect(extraction.failures).toEqual([]);
  });
});

describe('maven-dependency-tree extractor', () => {
  it('matches the documented file names', () => {
    const names = [
      'dependency-tree.txt',
      'x/app.dependency-tree.txt',
      'tree.txt',
      'dependency-tree.txt.bak',
    ];

    const matched = names.filter((n) => treeExtractor!.matches(n));

    expect(matched).toEqual([
      'dependency-tree.txt',
      'x/app.dependency-tree.txt',
    ]);
  });

  it('reads saved mvn dependency:tree output', async () => {
    // Hand count of the fixture: 6 artifacts below the root, 6 edges.
    const graph = await extract(
      FIXTURES,
      'saved.dependency-tree.txt',
      treeExtractor,
    );

    expect(graph.roots.map((r) => r.name)).toEqual(['saved']);
    expect(graph.packages.map((p) => [p.key, p.scope, p.direct])).toEqual([
      ['org.apache.commons:commons-text@1.10.0', 'prod', true],
      ['org.apache.commons:commons-lang3@3.12.0', 'prod', false],
      ['com.example:natives:linux-x86_64@2.0', 'runtime', true],
      ['commons-io:commons-io@2.11.0', 'optional', true],
      ['junit:junit@4.13.2', 'test', true],
      ['org.hamcrest:hamcrest-core@1.3', 'test', false],
    ]);
    expect(graph.edges).toHaveLength(6);
  });
});
