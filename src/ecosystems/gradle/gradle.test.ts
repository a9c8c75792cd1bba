import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DependencyGraph } from '../../core/model.js';
import {
  CORPUS_DIR,
  listFiles,
  repositoryAt,
} from '../../test-support/shared.js';
import type { RepositoryFiles } from '../types.js';
import { extractBuildScript } from './build-gradle.js';
import {
  extractDependenciesOutput,
  parseTreeLine,
} from './dependencies-output.js';
import { extractGradleLockfile, isGradleLockfile } from './gradle-lockfile.js';
import { extractVersionCatalog } from './libs-versions-toml.js';
import { extractVerificationMetadata } from './verification-metadata.js';

const FIXTURES = path.join(import.meta.dirname, '__fixtures__');

function fixture(name: string): string {
  return readFileSync(path.join(FIXTURES, name), 'utf8');
}

function memoryRepository(files: Record<string, string>): RepositoryFiles {
  return { paths: Object.keys(files).sort(), readText: async (p) => files[p] };
}

function byName(graph: DependencyGraph) {
  return new Map(graph.packages.map((p) => [`${p.name}@${p.version}`, p]));
}

describe('gradle.lockfile on the corpus', () => {
  const root = path.join(CORPUS_DIR, 'terra-workspace-manager');
  const lockfiles = listFiles(root).filter(isGradleLockfile);

  it('finds the five module lockfiles', () => {
    expect(lockfiles).toHaveLength(5);
  });

  it.each(lockfiles)('%s', async (file) => {
    const text = readFileSync(path.join(root, file), 'utf8');
    // Independent route: lines with `=` minus the `empty=` line.
    const expected = text
      .split('\n')
      .filter((l) => l.includes('=') && !l.startsWith('empty=')).length;
    // Test scope: a test configuration and no main classpath one.
    const testOnly = text
      .split('\n')
      .filter(
        (l) =>
          !l.startsWith('empty=') &&
          /[=,]test/.test(l) &&
          !/[=,](compile|runtime|productionRuntime)Classpath/.test(l),
      ).length;

    const graph = await extractGradleLockfile({
      path: file,
      text,
      repository: repositoryAt(root),
    });

    expect(graph.packages).toHaveLength(expected);
    expect(graph.packages.filter((p) => p.scope === 'test')).toHaveLength(
      testOnly,
    );
    expect(graph.roots[0]?.path).toBe(path.dirname(file));
    expect(graph.warnings).toEqual([]);
  });
});

describe('gradle lockfile lines', () => {
  it.each([
    ['a:b:1.0=compileClasspath,testRuntimeClasspath', 'prod'],
    ['a:b:1.0=testCompileClasspath,testRuntimeClasspath', 'test'],
    ['a:b:1.0=releaseRuntimeClasspath', 'prod'],
    ['a:b:1.0=annotationProcessor', 'dev'],
    ['a:b:1.0=spotbugs,jacocoAnt', 'dev'],
  ])('%s → %s', async (line, scope) => {
    const text = `# comment\n${line}\nempty=foo`;

    const graph = await extractGradleLockfile({
      path: 'gradle.lockfile',
      text,
      repository: memoryRepository({}),
    });

    expect(graph.packages).toMatchObject([
      { name: 'a:b', version: '1.0', scope, purl: 'pkg:maven/a/b@1.0' },
    ]);
  });

  it('warns on a malformed line', async () => {
    const graph = await extractGradleLockfile({
      path: 'gradle.lockfile',
      text: 'a:b=x\nc:d:2=runtimeClasspath',
      repository: memoryRepository({}),
    });

    expect(graph.packages).toHaveLength(1);
    expect(graph.warnings).toMatchObject([
      { code: 'GRADLE_LOCK_LINE_INVALID', line: 1 },
    ]);
  });

  it('reads per-configuration lockfiles of Gradle 5 and names the project', async () => {
    const file = 'app/gradle/dependency-locks/compileClasspath.lockfile';
    const repository = memoryRepository({
      'settings.gradle': fixture('settings.gradle'),
      [file]: '',
    });

    const graph = await extractGradleLockfile({
      path: file,
      text: fixture('compileClasspath.lockfile'),
      repository,
    });

    // Hand count: two coordinates in the fixture.
    expect(graph.packages.map((p) => p.scope)).toEqual(['prod', 'prod']);
    expect(graph.roots[0]).toMatchObject({ name: ':app', path: 'app' });
  });

  it('buildscript lockfile is build tooling (dev)', async () => {
    const graph = await extractGradleLockfile({
      path: 'buildscript-gradle.lockfile',
      text: 'a:b:1=classpath',
      repository: memoryRepository({}),
    });

    expect(graph.packages[0]?.scope).toBe('dev');
  });

  it('direct dependencies come from the build script beside the lockfile', async () => {
    const repository = memoryRepository({
      'build.gradle': fixture('build.gradle'),
    });
    const text =
      'org.postgresql:postgresql:42.6.0=runtimeClasspath\norg.checkerframework:checker-qual:3.33.0=compileClasspath';

    const graph = await extractGradleLockfile({
      path: 'gradle.lockfile',
      text,
      repository,
    });

    expect(graph.packages.map((p) => p.direct)).toEqual([true, false]);
    expect(graph.files).toContain('build.gradle');
  });
});

describe('verification-metadata.xml on the corpus', () => {
  it('adyen-android: one package per component', async () => {
    const root = path.join(CORPUS_DIR, 'adyen-android');
    const file = 'gradle/verification-metadata.xml';
    const text = readFileSync(path.join(root, file), 'utf8');
    // Independent route: `<component ` occurrences.
    const components = text.split('<component ').length - 1;

    const graph = await extractVerificationMetadata({
      path: file,
      text,
      repository: repositoryAt(root),
    });

    expect(graph.packages).toHaveLength(components);
    expect(graph.files).toContain('gradle/libs.versions.toml');
    expect(graph.packages[0]).toMatchObject({
      name: 'androidx.activity:activity',
      version: '1.0.0',
      line: 15,
    });
  });

  it.each([
    [
      '<!DOCTYPE x [<!ENTITY a "b">]><verification-metadata/>',
      'ERR_XML_DOCTYPE',
    ],
    [
      '<verification-metadata><components><component group="a"',
      'ERR_XML_SYNTAX',
    ],
  ])('refuses %s', async (text, code) => {
    const result = extractVerificationMetadata({
      path: 'gradle/verification-metadata.xml',
      text,
      repository: memoryRepository({}),
    });

    await expect(result).rejects.toMatchObject({ code });
  });

  it('warns on a component without a version', async () => {
    const text =
      '<verification-metadata><components>\n<component group="a" name="b"/>\n<component group="c" name="d" version="1"/>\n</components></verification-metadata>';

    const graph = await extractVerificationMetadata({
      path: 'gradle/verification-metadata.xml',
      text,
      repository: memoryRepository({}),
    });

    expect(graph.packages.map((p) => p.name)).toEqual(['c:d']);
    expect(graph.warnings).toMatchObject([
      { code: 'GRADLE_COMPONENT_INVALID', line: 2 },
    ]);
  });
});

describe('libs.versions.toml', () => {
  it('adyen-android: one package per library', async () => {
    const root = path.join(CORPUS_DIR, 'adyen-android');
    const file = 'gradle/libs.versions.toml';
    const text = readFileSync(path.join(root, file), 'utf8');
    // Independent route: `alias = ` lines between [libraries] and the next table.
    const body = text.split('[libraries]')[1]?.split(/\n\[/)[0] ?? '';
    const aliases = new Set(
      body
        .split('\n')
        .filter((l) => /^[A-Za-z]/.test(l))
        .map((l) => l.split('=')[0]?.trim()),
    );

    const graph = await extractVersionCatalog({
      path: file,
      text,
      repository: repositoryAt(root),
    });

    const coordinates = new Set(graph.packages.map((p) => p.key));
    expect(coordinates.size).toBeLessThanOrEqual(aliases.size);
    expect(graph.packages.length).toBe(coordinates.size);
    expect(graph.warnings).toEqual([]);
    expect(graph.packages.every((p) => p.direct)).toBe(true);
  });

  it('resolves version.ref, rich versions and ranges (fixture)', async () => {
    const graph = await extractVersionCatalog({
      path: 'gradle/libs.versions.toml',
      text: fixture('libs.versions.toml'),
      repository: memoryRepository({}),
    });

    const packages = new Map(graph.packages.map((p) => [p.name, p]));
    expect(
      packages.get('org.jetbrains.kotlinx:kotlinx-coroutines-core')?.version,
    ).toBe('1.7.3');
    expect(packages.get('com.squareup.okhttp3:okhttp-bom')?.version).toBe(
      '4.11.0',
    );
    expect(packages.get('org.assertj:assertj-core')).toMatchObject({
      version: null,
      declared: '[3.20,4.0)',
    });
    expect(packages.get('io.mockk:mockk')).toMatchObject({
      version: null,
      skipReason: 'unresolved',
    });
    expect(graph.warnings).toMatchObject([
      { code: 'GRADLE_CATALOG_ENTRY_INVALID' },
    ]);
  });
});

describe('build scripts', () => {
  it('build.gradle: string and map notation, variables, configurations', async () => {
    const repository = memoryRepository({
      'build.gradle': fixture('build.gradle'),
      'gradle/libs.versions.toml': fixture('libs.versions.toml'),
      'gradle.properties': 'textVersion=1.10.0\n',
    });

    const graph = await extractBuildScript({
      path: 'build.gradle',
      text: fixture('build.gradle'),
      repository,
    });

    // Hand count: 11 declarations, lombok twice (compileOnly and
    // annotationProcessor), so 10 packages.
    const packages = byName(graph);
    expect(graph.packages).toHaveLength(10);
    expect(
      packages.get('org.springframework.boot:spring-boot-starter-web@null')
        ?.declared,
    ).toBe('*');
    expect(
      packages.get('com.fasterxml.jackson.core:jackson-databind@2.15.2')?.scope,
    ).toBe('prod');
    expect(
      packages.get('org.apache.commons:commons-lang3@3.12.0'),
    ).toBeDefined();
    expect(
      packages.get('org.apache.commons:commons-text@1.10.0'),
    ).toBeDefined();
    expect(packages.get('org.projectlombok:lombok@1.18.28')?.scope).toBe(
      'provided',
    );
    expect(packages.get('org.postgresql:postgresql@42.6.0')?.scope).toBe(
      'runtime',
    );
    expect(packages.get('commons-io:commons-io@null')?.declared).toBe('2.+');
    expect(packages.get('org.junit.jupiter:junit-jupiter@5.9.3')?.scope).toBe(
      'test',
    );
    expect(packages.get('org.assertj:assertj-core@null')?.scope).toBe('test');
    expect(graph.files).toEqual([
      'build.gradle',
      'gradle.properties',
      'gradle/libs.versions.toml',
    ]);
  });

  it('build.gradle.kts: catalog accessors, bundles and platforms', async () => {
    const repository = memoryRepository({
      'gradle/libs.versions.toml': fixture('libs.versions.toml'),
    });

    const graph = await extractBuildScript({
      path: 'app/build.gradle.kts',
      text: fixture('build.gradle.kts'),
      repository,
    });

    const names = graph.packages.map((p) => p.name).sort();
    // Hand count: ktor, okhttp, coroutines, 3 bundle members, okhttp-bom, dagger.
    expect(names).toEqual([
      'com.google.dagger:dagger-compiler',
      'com.squareup.okhttp3:okhttp',
      'com.squareup.okhttp3:okhttp-bom',
      'io.ktor:ktor-server-core',
      'io.mockk:mockk',
      'org.assertj:assertj-core',
      'org.jetbrains.kotlinx:kotlinx-coroutines-core',
      'org.junit.jupiter:junit-jupiter',
    ]);
    expect(byName(graph).get('io.ktor:ktor-server-core@2.3.2')).toBeDefined();
    expect(graph.warnings).toMatchObject([
      { code: 'GRADLE_CATALOG_ENTRY_MISSING', line: 13 },
    ]);
  });
});

describe('gradle dependencies output', () => {
  it.each([
    ['+--- a:b:1.0', { depth: 0, name: 'a:b', version: '1.0', markers: [] }],
    [
      '|    \\--- a:b:1.0 -> 1.2 (*)',
      { depth: 1, requested: '1.0', version: '1.2', markers: ['*'] },
    ],
    ['+--- a:b -> 2.0', { name: 'a:b', version: '2.0' }],
    [
      '+--- a:b:{strictly 1.0} -> 1.0',
      { requested: '{strictly 1.0}', version: '1.0' },
    ],
    ['+--- a:b:1.0 -> c:d:2.0', { name: 'c:d', version: '2.0' }],
    ['+--- a:b:1.0 FAILED', { failed: true, version: undefined }],
    ['\\--- project :lib', { project: true }],
    ['+--- a:b:1.0 (c)', { markers: ['c'] }],
    ['plain text', undefined],
  ])('%s', (line, expected) => {
    const node = parseTreeLine(line);

    if (expected === undefined) expect(node).toBeUndefined();
    else expect(node).toMatchObject(expected);
  });

  it('builds the tree with resolutions, skipping constraints and (n)', async () => {
    const text = fixture('gradle-dependencies.txt');

    const graph = await extractDependenciesOutput({
      path: 'gradle-dependencies.txt',
      text,
      repository: memoryRepository({}),
    });

    // Hand count of distinct resolved modules in the fixture: 14
    // (commons-text is only a constraint; the implementation tree is (n)).
    const packages = byName(graph);
    expect(graph.packages).toHaveLength(14);
    expect(packages.get('com.google.guava:guava@31.1-jre')).toMatchObject({
      scope: 'prod',
      direct: true,
      declared: '31.0-jre',
    });
    expect(packages.get('org.springframework:spring-core@6.0.9')?.direct).toBe(
      false,
    );
    expect(
      packages.get('org.junit.jupiter:junit-jupiter-api@5.9.3')?.scope,
    ).toBe('test');
    expect(packages.get('org.example:missing@null')?.skipReason).toBe(
      'resolution-failed',
    );
    expect(
      packages.get('jakarta.inject:jakarta.inject-api@2.0.1'),
    ).toBeDefined();
    expect(graph.edges).toContainEqual({
      from: 'org.springframework:spring-web@6.0.9',
      to: 'org.springframework:spring-core@6.0.9',
    });
    expect(graph.edges).toContainEqual({
      from: 'root:',
      to: 'org.apache.commons:commons-lang3@3.12.0',
      scope: 'prod',
    });
  });
});
