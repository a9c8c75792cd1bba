import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DependencyGraph } from '../../core/model.js';

import type { RepositoryFiles } from '../types.js';

import {
  extractDependenciesOutput,
  parseTreeLine,
} from './dependencies-output.js';

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

describe('gradle dependencies output without configurations', () => {
  it.each([
    ['a build log only', '> Task :dependencies\n\nBUILD SUCCESSFUL in 1s\n'],
    [
      'a header only',
      '------------------------------------------------------------\n' +
        "Root project 'demo'\n" +
        '------------------------------------------------------------\n\n',
    ],
    ['a failed run', 'FAILURE: Build failed with an exception.\n'],
  ])('refuses %s', async (_, text) => {
    const failure = extractDependenciesOutput({
      path: 'app/gradle-dependencies.txt',
      text,
      repository: memoryRepository({ 'app/gradle-dependencies.txt': text }),
    });

    await expect(failure).rejects.toMatchObject({
      code: 'ERR_LOCKFILE_SYNTAX',
      file: 'app/gradle-dependencies.txt',
      message: expect.stringContaining(
        'gradle-dependencies.txt holds no configuration section',
      ),
    });
  });

  it.each([
    [
      'a configuration without dependencies',
      'compileClasspath\nNo dependencies\n',
    ],
    ['trees without their header', '+--- a:b:1.0\n'],
  ])('reads %s', async (_, text) => {
    const graph = await extractDependenciesOutput({
      path: 'gradle-dependencies.txt',
      text,
      repository: memoryRepository({ 'gradle-dependencies.txt': text }),
    });

    expect(graph.warnings).toEqual([]);
  });
});
