import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DependencyGraph } from '../../core/model.js';
import { CORPUS_DIR, repositoryAt } from '../../test-support/shared.js';
import type { RepositoryFiles } from '../types.js';
import { extractBuildScript } from './build-gradle.js';

import { extractVersionCatalog } from './libs-versions-toml.js';

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
