import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DiskRepositoryFiles } from '../../catalog/repository-files.js';
import { InputError } from '../../core/errors.js';
import { extractPackageJson, isPackageJson } from './package-json.js';

const emptyDir = mkdtempSync(path.join(tmpdir(), 'qm-npm-json-'));
const repository = new DiskRepositoryFiles({ root: emptyDir, paths: [] });

afterAll(() => rmSync(emptyDir, { recursive: true, force: true }));

const manifest = JSON.stringify({
  name: 'web',
  dependencies: { react: '^18.2.0', both: '^1.0.0', lib: 'npm:@s/lib@^2' },
  devDependencies: { vitest: '~1.0.0', both: '^1.0.0' },
  optionalDependencies: { fsevents: '2.x' },
  peerDependencies: { 'react-dom': '>=18' },
});

describe('package.json without a lockfile', () => {
  it.each([
    // key, name, declared, scope, source
    ['react', 'react', '^18.2.0', 'prod', 'registry'],
    ['both', 'both', '^1.0.0', 'prod', 'registry'],
    ['lib', '@s/lib', 'npm:@s/lib@^2', 'prod', 'alias'],
    ['vitest', 'vitest', '~1.0.0', 'dev', 'registry'],
    ['fsevents', 'fsevents', '2.x', 'optional', 'registry'],
    ['react-dom', 'react-dom', '>=18', 'peer', 'registry'],
  ])('%s is %s %s (%s, %s)', async (key, name, declared, scope, source) => {
    const graph = await extractPackageJson({
      path: 'apps/web/package.json',
      text: manifest,
      repository,
    });

    const pkg = graph.packages.find((p) => p.key === key);

    expect(pkg).toMatchObject({
      name,
      declared,
      scope,
      source,
      version: null,
      direct: true,
      skipReason: 'unresolved',
      file: 'apps/web/package.json',
    });
  });

  it('has one root, one package per declared name and an edge to each', async () => {
    const graph = await extractPackageJson({
      path: 'apps/web/package.json',
      text: manifest,
      repository,
    });

    expect(graph.roots).toEqual([
      {
        key: 'root:apps/web',
        name: 'web',
        path: 'apps/web',
        ecosystem: 'npm',
        file: 'apps/web/package.json',
      },
    ]);
    // Hand count: seven entries, `both` declared twice.
    expect(graph.packages).toHaveLength(6);
    expect(graph.edges.every((e) => e.from === 'root:apps/web')).toBe(true);
    expect(graph.files).toEqual(['apps/web/package.json']);
  });

  it('throws ERR_MANIFEST_SYNTAX for broken JSON', async () => {
    const error = await extractPackageJson({
      path: 'package.json',
      text: '{ "name": ',
      repository,
    }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ code: 'ERR_MANIFEST_SYNTAX' });
  });

  it.each([
    ['package.json', true],
    ['a/b/package.json', true],
    ['node_modules/x/package.json', false],
    ['a/node_modules/x/package.json', false],
    ['a/package.json5', false],
  ])('matches %s: %s', (file, expected) => {
    expect(isPackageJson(file)).toBe(expected);
  });
});
