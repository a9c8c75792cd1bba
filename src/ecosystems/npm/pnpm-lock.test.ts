import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { DependencyGraph } from '../../core/model.js';
import { repositoryAt } from '../../test-support/shared.js';
import { extractPnpmLock, pnpmFormatOf } from './pnpm-lock.js';

const FIXTURES = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '__fixtures__',
);

async function extractFixture(folder: string): Promise<DependencyGraph> {
  const dir = path.join(FIXTURES, folder);
  return extractPnpmLock({
    path: 'pnpm-lock.yaml',
    text: readFileSync(path.join(dir, 'pnpm-lock.yaml'), 'utf8'),
    repository: repositoryAt(dir),
  });
}

function summary(graph: DependencyGraph): string[] {
  return graph.packages
    .map(
      (p) =>
        `${p.name}@${p.version} ${p.source} ${p.scope}${p.direct ? ' direct' : ''}`,
    )
    .sort();
}

// The same workspace written by pnpm 7 (5.4), pnpm 8 (6.0) and pnpm 9
// (9.0); the expected lines are a hand reading of the package.json files.
const FORMATS = ['pnpm-v5-workspace', 'pnpm-v6-workspace', 'pnpm-v9-workspace'];

describe('pnpm-lock.yaml fixtures', () => {
  it.each(FORMATS)('%s: packages, sources, scopes', async (folder) => {
    const graph = await extractFixture(folder);

    expect(summary(graph)).toEqual([
      'fsevents@2.3.3 registry optional direct',
      'gitdep@0.1.0 git prod direct',
      'js-tokens@4.0.0 registry prod',
      'loose-envify@1.4.0 registry prod',
      'react-dom@18.2.0 registry prod direct',
      'react-dom@18.2.0 registry prod direct',
      'react@17.0.2 registry prod direct',
      'react@18.2.0 registry prod direct',
      'scheduler@0.23.0 registry prod',
      'string-width@4.2.3 alias prod direct',
      'typescript@5.4.5 registry dev direct',
    ]);
  });

  it.each(FORMATS)('%s: peer variants stay apart', async (folder) => {
    const graph = await extractFixture(folder);
    const key = (name: string, version: string) =>
      graph.packages
        .filter((p) => p.name === name && p.version === version)
        .map((p) => p.key);
    const [react17] = key('react', '17.0.2');
    const libA = graph.roots.find((r) => r.name === 'lib-a')!.key;

    const domsOfLibA = graph.edges
      .filter(
        (e) => e.from === libA && key('react-dom', '18.2.0').includes(e.to),
      )
      .map((e) => e.to);
    expect(domsOfLibA).toHaveLength(1);
    expect(graph.edges).toContainEqual({
      from: domsOfLibA[0],
      to: react17,
      scope: 'prod',
    });
    expect(
      new Set(
        key('react-dom', '18.2.0').map(
          (k) => graph.packages.find((p) => p.key === k)!.purl,
        ),
      ),
    ).toEqual(new Set(['pkg:npm/react-dom@18.2.0']));
  });

  it.each(FORMATS)(
    '%s: roots, files and out-of-sync warning',
    async (folder) => {
      const graph = await extractFixture(folder);

      expect(graph.roots.map((r) => [r.name, r.path])).toEqual([
        ['mono', ''],
        ['lib-a', 'packages/lib-a'],
      ]);
      expect([...graph.files].sort()).toEqual([
        'package.json',
        'packages/lib-a/package.json',
        'pnpm-lock.yaml',
        'pnpm-workspace.yaml',
      ]);
      expect(graph.warnings.map((w) => [w.code, w.file])).toEqual([
        ['ERR_LOCKFILE_OUT_OF_SYNC', 'packages/lib-a/package.json'],
      ]);
      expect(graph.warnings[0]!.message).toContain('missing-dep');
    },
  );

  it('names the line of each package', async () => {
    const graph = await extractFixture('pnpm-v6-workspace');
    const text = readFileSync(
      path.join(FIXTURES, 'pnpm-v6-workspace/pnpm-lock.yaml'),
      'utf8',
    );

    const typescript = graph.packages.find((p) => p.name === 'typescript')!;
    expect(text.split('\n')[typescript.line! - 1]).toBe('  /typescript@5.4.5:');
  });
});

describe('pnpm-lock.yaml without importers', () => {
  it('reads the single project of a 5.x file', async () => {
    const text = [
      'lockfileVersion: 5.3',
      'specifiers:',
      '  a: ^1.0.0',
      '  b: ^2.0.0',
      'dependencies:',
      '  a: 1.0.0',
      'devDependencies:',
      '  b: 2.0.0',
      'packages:',
      '  /a/1.0.0:',
      '    resolution: {integrity: sha512-aaaa}',
      '    dependencies:',
      '      c: 3.0.0',
      '  /b/2.0.0:',
      '    resolution: {integrity: sha512-bbbb}',
      '    dependencies:',
      '      c: 3.0.0',
      '  /c/3.0.0:',
      '    resolution: {integrity: sha512-cccc}',
      '',
    ].join('\n');
    const request = {
      path: 'pnpm-lock.yaml',
      text,
      repository: repositoryAt(FIXTURES),
    };

    const graph = await extractPnpmLock(request);

    expect(graph.roots.map((r) => r.path)).toEqual(['']);
    expect(summary(graph)).toEqual([
      'a@1.0.0 registry prod direct',
      'b@2.0.0 registry dev direct',
      'c@3.0.0 registry prod',
    ]);
  });
});

describe('pnpm-lock.yaml errors', () => {
  it.each([
    ['5.4', 'v5'],
    ['5.3', 'v5'],
    ['5.4-inlineSpecifiers', 'v5'],
    ['6.0', 'v6'],
    ['6.1', 'v6'],
    ['9.0', 'v9'],
  ])('lockfileVersion %s is read as %s', (version, format) => {
    expect(pnpmFormatOf(version, 'pnpm-lock.yaml')).toBe(format);
  });

  it.each([4, '3', '7.0', '10.0', undefined])(
    'lockfileVersion %s is refused',
    (version) => {
      expect(() => pnpmFormatOf(version, 'pnpm-lock.yaml')).toThrow(
        expect.objectContaining({
          code: 'ERR_LOCKFILE_VERSION',
          file: 'pnpm-lock.yaml',
        }),
      );
    },
  );

  it.each([
    [
      'truncated',
      readFileSync(path.join(FIXTURES, 'pnpm-truncated.yaml'), 'utf8'),
    ],
    ['not a mapping', '- just\n- a list\n'],
  ])('%s file throws ERR_LOCKFILE_SYNTAX', async (_case, text) => {
    const request = {
      path: 'pnpm-lock.yaml',
      text,
      repository: repositoryAt(FIXTURES),
    };

    await expect(extractPnpmLock(request)).rejects.toMatchObject({
      code: 'ERR_LOCKFILE_SYNTAX',
      file: 'pnpm-lock.yaml',
    });
  });
});

describe('pnpm-lock.yaml of the wrong structure', () => {
  const V9 = "lockfileVersion: '9.0'\n";
  const IMPORTERS = 'importers:\n  .:\n    dependencies: {}\n';

  it.each([
    [`${V9}importers: 5\n`, 'a number at "importers"'],
    [`${V9}importers:\npackages:\n`, 'null at "importers"'],
    [`${V9}${IMPORTERS}packages: 5\n`, 'a number at "packages"'],
    [
      `${V9}${IMPORTERS}packages: {}\nsnapshots: [a]\n`,
      'a sequence at "snapshots"',
    ],
    ["lockfileVersion: '6.0'\npackages: text\n", 'a string at "packages"'],
    [
      `${V9}${IMPORTERS}packages: {}\n---\n${V9}importers: 5\npackages: 5\n`,
      'a number at "importers"',
    ],
  ])('%j is refused', async (text, found) => {
    const failure = extractPnpmLock({
      path: 'pnpm-lock.yaml',
      text,
      repository: repositoryAt(FIXTURES),
    });

    await expect(failure).rejects.toMatchObject({
      code: 'ERR_LOCKFILE_SYNTAX',
      file: 'pnpm-lock.yaml',
      message:
        `pnpm-lock.yaml has ${found}; expected a mapping; restore it ` +
        'from version control or regenerate it with pnpm install',
    });
  });
});

describe('pnpm-lock.yaml written by pnpm 10 and later', () => {
  it('reads the lockfile document, not the config-dependencies one before it', async () => {
    const text = [
      '---',
      "lockfileVersion: '9.0'",
      'importers:',
      '  .:',
      '    packageManagerDependencies:',
      '      pnpm: {specifier: 11.10.0, version: 11.10.0}',
      'packages:',
      "  'pnpm@11.10.0': {resolution: {integrity: sha512-x}}",
      '---',
      "lockfileVersion: '9.0'",
      'importers:',
      '  .:',
      '    dependencies:',
      '      left-pad: {specifier: ^1.3.0, version: 1.3.0}',
      '      ms: {specifier: ^2.1.3, version: 2.1.3}',
      'packages:',
      "  'left-pad@1.3.0': {resolution: {integrity: sha512-a}}",
      "  'ms@2.1.3': {resolution: {integrity: sha512-b}}",
      'snapshots:',
      "  'left-pad@1.3.0': {}",
      "  'ms@2.1.3': {}",
      '',
    ].join('\n');
    const repository = {
      paths: ['pnpm-lock.yaml'],
      readText: async () => undefined,
    };

    const graph = await extractPnpmLock({
      path: 'pnpm-lock.yaml',
      text,
      repository,
    });

    expect(graph.packages.map((p) => `${p.name}@${p.version}`).sort()).toEqual([
      'left-pad@1.3.0',
      'ms@2.1.3',
    ]);
  });
});
