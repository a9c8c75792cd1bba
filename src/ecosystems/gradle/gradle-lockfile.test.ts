import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

import {
  CORPUS_DIR,
  listFiles,
  repositoryAt,
} from '../../test-support/shared.js';
import type { RepositoryFiles } from '../types.js';

import { extractGradleLockfile, isGradleLockfile } from './gradle-lockfile.js';

const FIXTURES = path.join(import.meta.dirname, '__fixtures__');

function fixture(name: string): string {
  return readFileSync(path.join(FIXTURES, name), 'utf8');
}

function memoryRepository(files: Record<string, string>): RepositoryFiles {
  return { paths: Object.keys(files).sort(), readText: async (p) => files[p] };
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
