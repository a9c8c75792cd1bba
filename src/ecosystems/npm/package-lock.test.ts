import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { DiskRepositoryFiles } from '../../catalog/repository-files.js';
import { InputError } from '../../core/errors.js';
import type { DependencyGraph, GraphPackage } from '../../core/model.js';
import { CORPUS_DIR, repositoryAt } from '../../test-support/shared.js';
import { extractPackageLock } from './package-lock.js';

const FIXTURES = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '__fixtures__',
);
// A folder with no files, so no package.json is found beside the lockfile.
const emptyDir = mkdtempSync(path.join(tmpdir(), 'qm-npm-lock-'));
const emptyRepository = new DiskRepositoryFiles({ root: emptyDir, paths: [] });

afterAll(() => rmSync(emptyDir, { recursive: true, force: true }));

function extractInline(lock: unknown): Promise<DependencyGraph> {
  return extractPackageLock({
    path: 'package-lock.json',
    text: JSON.stringify(lock),
    repository: emptyRepository,
  });
}

async function extractFixture(name: string): Promise<DependencyGraph> {
  const dir = path.join(FIXTURES, name);
  return extractPackageLock({
    path: 'package-lock.json',
    text: readFileSync(path.join(dir, 'package-lock.json'), 'utf8'),
    repository: repositoryAt(dir),
  });
}

function byKey(graph: DependencyGraph, key: string): GraphPackage {
  const pkg = graph.packages.find((p) => p.key === key);
  if (!pkg) throw new Error(`no package ${key}`);
  return pkg;
}

function edgesFrom(graph: DependencyGraph, from: string): string[] {
  return graph.edges
    .filter((e) => e.from === from)
    .map((e) => e.to)
    .sort();
}

const registry = (name: string, version: string) =>
  `https://npm.example.test/${name}/-/${name}-${version}.tgz`;

describe('package-lock.json v3 entries', () => {
  const lock = {
    name: 'app',
    lockfileVersion: 3,
    packages: {
      '': {
        name: 'app',
        dependencies: {
          foo: 'npm:bar@^1.2.0',
          g: 'github:someone/g',
          f: 'file:vendor/f-1.0.0.tgz',
          t: 'https://downloads.example.test/t.tgz',
          loc: 'file:libs/loc',
          r: '^1.0.0',
        },
        devDependencies: { d: '^1.0.0' },
        optionalDependencies: { o: '^1.0.0' },
      },
      'node_modules/foo': {
        name: 'bar',
        version: '1.2.3',
        resolved: registry('bar', '1.2.3'),
      },
      'node_modules/g': {
        version: '0.5.0',
        resolved: 'git+ssh://git@git.example.test/someone/g.git#0123abc',
      },
      'node_modules/f': {
        version: '1.0.0',
        resolved: 'file:vendor/f-1.0.0.tgz',
      },
      'node_modules/t': {
        version: '2.0.0',
        resolved: 'https://downloads.example.test/t.tgz',
      },
      'node_modules/loc': { resolved: 'libs/loc', link: true },
      'libs/loc': { name: 'loc', version: '0.0.1' },
      'node_modules/r': { version: '1.1.0', resolved: registry('r', '1.1.0') },
      'node_modules/d': { version: '1.0.0', dev: true },
      'node_modules/o': { version: '1.0.0', optional: true },
      'node_modules/do': { version: '1.0.0', devOptional: true },
      'node_modules/p': { version: '1.0.0', peer: true },
      'node_modules/r/node_modules/b': { version: '3.0.0', inBundle: true },
    },
  };

  it.each([
    // key, name, version, source, scope
    ['node_modules/foo', 'bar', '1.2.3', 'alias', 'prod'],
    ['node_modules/g', 'g', '0.5.0', 'git', 'prod'],
    ['node_modules/f', 'f', '1.0.0', 'file', 'prod'],
    ['node_modules/t', 't', '2.0.0', 'tarball', 'prod'],
    ['libs/loc', 'loc', '0.0.1', 'link', 'prod'],
    ['node_modules/r', 'r', '1.1.0', 'registry', 'prod'],
    ['node_modules/d', 'd', '1.0.0', 'registry', 'dev'],
    ['node_modules/o', 'o', '1.0.0', 'registry', 'optional'],
    ['node_modules/do', 'do', '1.0.0', 'registry', 'optional'],
    ['node_modules/p', 'p', '1.0.0', 'registry', 'peer'],
  ])(
    '%s is %s@%s from %s, scope %s',
    async (key, name, version, source, scope) => {
      const graph = await extractInline(lock);

      const pkg = byKey(graph, key);

      expect([pkg.name, pkg.version, pkg.source, pkg.scope]).toEqual([
        name,
        version,
        source,
        scope,
      ]);
    },
  );

  it('resolves an alias to the real package and keeps the declared spec', async () => {
    const graph = await extractInline(lock);

    const alias = byKey(graph, 'node_modules/foo');

    expect(alias.purl).toBe('pkg:npm/bar@1.2.3');
    expect(alias.declared).toBe('npm:bar@^1.2.0');
    expect(alias.direct).toBe(true);
  });

  it('marks bundled packages and keeps them transitive', async () => {
    const graph = await extractInline(lock);

    const bundled = byKey(graph, 'node_modules/r/node_modules/b');

    expect(bundled.bundled).toBe(true);
    expect(bundled.direct).toBe(false);
  });

  it('joins the root to the eight packages package.json names', async () => {
    const graph = await extractInline(lock);

    const direct = graph.packages.filter((p) => p.direct).map((p) => p.key);

    // Hand count: six dependencies, one dev, one optional.
    expect(direct.sort()).toEqual(
      [
        'libs/loc',
        'node_modules/d',
        'node_modules/f',
        'node_modules/foo',
        'node_modules/g',
        'node_modules/o',
        'node_modules/r',
        'node_modules/t',
      ].sort(),
    );
    expect(graph.warnings).toEqual([]);
  });
});

describe('nested resolution', () => {
  const lock = {
    lockfileVersion: 2,
    packages: {
      '': { name: 'app', dependencies: { a: '1', c: '1' } },
      'node_modules/a': { version: '1.0.0', dependencies: { b: '^2', d: '1' } },
      'node_modules/a/node_modules/b': { version: '2.0.0' },
      'node_modules/a/node_modules/d': {
        version: '1.0.0',
        dependencies: { b: '^2', c: '1' },
      },
      'node_modules/b': { version: '1.0.0' },
      'node_modules/c': { version: '1.0.0', dependencies: { b: '^1', e: '1' } },
      'node_modules/@s/x': { version: '1.0.0', dependencies: { b: '^1' } },
    },
  };

  it.each([
    [
      'node_modules/a',
      ['node_modules/a/node_modules/b', 'node_modules/a/node_modules/d'],
    ],
    // d finds its sibling b under a before the hoisted one.
    [
      'node_modules/a/node_modules/d',
      ['node_modules/a/node_modules/b', 'node_modules/c'],
    ],
    ['node_modules/c', ['node_modules/b']],
    ['node_modules/@s/x', ['node_modules/b']],
  ])('%s depends on %j', async (from, targets) => {
    const graph = await extractInline(lock);

    expect(edgesFrom(graph, from)).toEqual(targets);
  });

  it('warns about a dependency no folder on the way holds', async () => {
    const graph = await extractInline(lock);

    expect(graph.warnings).toHaveLength(1);
    expect(graph.warnings[0]).toMatchObject({
      code: 'ERR_LOCKFILE_UNRESOLVED',
      file: 'package-lock.json',
    });
    expect(graph.warnings[0]?.message).toContain('e@1');
  });
});

describe('package-lock.json v1', () => {
  const lock = {
    name: 'old',
    version: '1.0.0',
    lockfileVersion: 1,
    requires: true,
    dependencies: {
      a: {
        version: '1.0.0',
        requires: { b: '^2.0.0', gone: '^1.0.0' },
        dependencies: {
          b: { version: '2.0.0', requires: { c: '^1.0.0' } },
        },
      },
      b: { version: '1.0.0', dev: true },
      c: { version: '1.5.0', optional: true },
      foo: { version: 'npm:bar@1.0.0' },
      g: { version: 'git+https://git.example.test/g.git#abc', from: 'g@git' },
      w: { version: '1.0.0', bundled: true },
    },
  };

  it.each([
    // key, name, version, source, scope
    ['node_modules/a', 'a', '1.0.0', 'registry', 'prod'],
    ['node_modules/a/node_modules/b', 'b', '2.0.0', 'registry', 'prod'],
    ['node_modules/b', 'b', '1.0.0', 'registry', 'dev'],
    ['node_modules/c', 'c', '1.5.0', 'registry', 'optional'],
    ['node_modules/foo', 'bar', '1.0.0', 'alias', 'prod'],
    ['node_modules/g', 'g', null, 'git', 'prod'],
  ])(
    '%s is %s@%s from %s, scope %s',
    async (key, name, version, source, scope) => {
      const graph = await extractInline(lock);

      const pkg = byKey(graph, key);

      expect([pkg.name, pkg.version, pkg.source, pkg.scope]).toEqual([
        name,
        version,
        source,
        scope,
      ]);
    },
  );

  it('follows requires up the nesting', async () => {
    const graph = await extractInline(lock);

    expect(edgesFrom(graph, 'node_modules/a')).toEqual([
      'node_modules/a/node_modules/b',
    ]);
    expect(edgesFrom(graph, 'node_modules/a/node_modules/b')).toEqual([
      'node_modules/c',
    ]);
  });

  it('warns about an unresolvable requires entry instead of failing', async () => {
    const graph = await extractInline(lock);

    expect(graph.warnings.map((w) => w.code)).toEqual([
      'ERR_LOCKFILE_UNRESOLVED',
    ]);
    expect(graph.warnings[0]?.message).toContain('gone@^1.0.0');
  });

  it('keeps git entries with their spec and a skip reason, and bundled ones', async () => {
    const graph = await extractInline(lock);

    expect(byKey(graph, 'node_modules/g')).toMatchObject({
      declared: 'git+https://git.example.test/g.git#abc',
      skipReason: 'git-dependency',
    });
    expect(byKey(graph, 'node_modules/w').bundled).toBe(true);
  });

  it('without package.json counts packages nobody requires as direct', async () => {
    const graph = await extractInline(lock);

    const direct = graph.packages.filter((p) => p.direct).map((p) => p.key);

    // Hand count: c is required (by a's own b); the top-level b is not,
    // since a finds its nested b 2.0.0 first.
    expect(direct.sort()).toEqual([
      'node_modules/a',
      'node_modules/b',
      'node_modules/foo',
      'node_modules/g',
      'node_modules/w',
    ]);
  });
});

describe('workspaces', () => {
  it('makes the root and each workspace a root with its own edges', async () => {
    const graph = await extractFixture('package-lock-workspaces-v3');

    expect(graph.roots.map((r) => [r.key, r.name, r.path, r.file])).toEqual([
      ['root:.', 'monorepo', '', 'package.json'],
      ['root:packages/x', 'x', 'packages/x', 'packages/x/package.json'],
      ['root:packages/y', 'y', 'packages/y', 'packages/y/package.json'],
    ]);
    expect(edgesFrom(graph, 'root:.')).toEqual(['node_modules/tool']);
    expect(edgesFrom(graph, 'root:packages/x')).toEqual(['node_modules/lib']);
    // y depends on workspace x (through the link) and on its own lib 1.x.
    expect(edgesFrom(graph, 'root:packages/y')).toEqual([
      'packages/y/node_modules/lib',
      'root:packages/x',
    ]);
  });

  it('lists the lockfile and every package.json it covers', async () => {
    const graph = await extractFixture('package-lock-workspaces-v3');

    expect(graph.files.sort()).toEqual([
      'package-lock.json',
      'package.json',
      'packages/x/package.json',
      'packages/y/package.json',
    ]);
    expect(graph.packages.map((p) => p.key).sort()).toEqual([
      'node_modules/lib',
      'node_modules/tool',
      'packages/y/node_modules/lib',
    ]);
    expect(graph.warnings).toEqual([]);
  });
});

describe('workspaces of a v1 lockfile', () => {
  it('takes them from the package.json workspaces globs', async () => {
    const graph = await extractFixture('package-lock-v1-workspaces');

    expect(graph.roots.map((r) => r.key)).toEqual([
      'root:.',
      'root:packages/a',
    ]);
    expect(edgesFrom(graph, 'root:.')).toEqual(['node_modules/right']);
    expect(edgesFrom(graph, 'root:packages/a')).toEqual(['node_modules/left']);
    expect(graph.files.sort()).toEqual([
      'package-lock.json',
      'package.json',
      'packages/a/package.json',
    ]);
  });
});

describe('a broken workspace package.json', () => {
  it('is a warning, and the lockfile entry stands in for it', async () => {
    const graph = await extractFixture('package-lock-broken-workspace');

    expect(graph.warnings.map((w) => [w.code, w.file])).toEqual([
      ['ERR_MANIFEST_SYNTAX', 'packages/bad/package.json'],
    ]);
    expect(edgesFrom(graph, 'root:packages/bad')).toEqual(['node_modules/dep']);
    expect(graph.files).toContain('packages/bad/package.json');
  });
});

describe('npm-shrinkwrap.json beside package-lock.json', () => {
  it('leaves the package-lock.json out, as npm does', async () => {
    const repository = new DiskRepositoryFiles({
      root: emptyDir,
      paths: ['app/npm-shrinkwrap.json', 'app/package-lock.json'],
    });

    const graph = await extractPackageLock({
      path: 'app/package-lock.json',
      text: '{ "lockfileVersion": 3, "packages": { "node_modules/a": {} } }',
      repository,
    });

    expect(graph.packages).toEqual([]);
    expect(graph.files).toEqual(['app/package-lock.json']);
    expect(graph.warnings.map((w) => w.code)).toEqual([
      'ERR_LOCKFILE_SHADOWED',
    ]);
  });
});

describe('lines', () => {
  it('gives each v3 entry the line of its key', async () => {
    const graph = await extractFixture('package-lock-workspaces-v3');

    const text = readFileSync(
      path.join(FIXTURES, 'package-lock-workspaces-v3', 'package-lock.json'),
      'utf8',
    ).split('\n');

    for (const pkg of graph.packages) {
      expect(text[(pkg.line ?? 0) - 1]?.trim()).toMatch(`"${pkg.key}": {`);
    }
  });
});

describe('hostile input', () => {
  it('reads deeply nested v1 entries without exhausting the stack', async () => {
    const depth = 3000;
    const text =
      '{"lockfileVersion":1,"dependencies":' +
      '{"x":{"version":"1.0.0","dependencies":'.repeat(depth) +
      '{}' +
      '}}'.repeat(depth) +
      '}';

    const graph = await extractPackageLock({
      path: 'package-lock.json',
      text,
      repository: emptyRepository,
    });

    expect(graph.packages).toHaveLength(3000);
  });
});

describe('a lockfile out of sync with package.json', () => {
  it('warns for each declared dependency the lockfile does not match', async () => {
    const graph = await extractFixture('package-lock-out-of-sync');

    const warned = graph.warnings.map((w) => [w.code, w.message.split(' ')[2]]);

    expect(warned).toEqual([
      ['ERR_LOCKFILE_OUT_OF_SYNC', 'added-later@^3.0.0'],
      ['ERR_LOCKFILE_OUT_OF_SYNC', 'renamed@npm:other@^1.0.0'],
      ['ERR_LOCKFILE_OUT_OF_SYNC', 'bumped@^2.0.0'],
    ]);
    expect(graph.warnings[0]?.message).toContain('npm install');
    // pinned@2.0.0 is outside ^1.0.0 but chosen by the project's overrides.
  });
});

describe('unreadable lockfiles', () => {
  const cases: [string, string, string, number | undefined][] = [
    [
      'truncated',
      '{\n  "lockfileVersion": 3,\n  "packages": {\n',
      'ERR_LOCKFILE_SYNTAX',
      4,
    ],
    [
      'a broken entry',
      '{\n  "lockfileVersion": 3,\n  "packages": { x }\n}',
      'ERR_LOCKFILE_SYNTAX',
      3,
    ],
    ['not an object', '[1, 2]', 'ERR_LOCKFILE_SYNTAX', undefined],
    ...[
      '{ "lockfileVersion": 3, "packages": 5 }',
      '{ "lockfileVersion": 3, "packages": [] }',
      '{ "lockfileVersion": 2, "packages": "x", "dependencies": {} }',
      '{ "lockfileVersion": 1, "dependencies": 5 }',
      '{ "lockfileVersion": 1, "dependencies": [{}] }',
      '{}',
      '{ "name": "app", "version": "1.0.0" }',
    ].map((text): [string, string, string, undefined] => [
      `wrong shape ${text}`,
      text,
      'ERR_LOCKFILE_SYNTAX',
      undefined,
    ]),
    [
      'from the future',
      '{ "lockfileVersion": 7, "packages": {} }',
      'ERR_LOCKFILE_VERSION',
      undefined,
    ],
  ];

  it.each(cases)('%s throws %s', async (_case, text, code, line) => {
    const extracting = extractPackageLock({
      path: 'sub/package-lock.json',
      text,
      repository: emptyRepository,
    });

    const error = await extracting.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ code, file: 'sub/package-lock.json', line });
  });

  // The reviewer's case: a real lockfile whose top-level map is a number.
  it.each(['packages', 'dependencies'])(
    'refuses npm-cli-v6 with "%s": 5, naming the field and the fix',
    async (field) => {
      const lock = JSON.parse(
        readFileSync(
          path.join(CORPUS_DIR, 'npm-cli-v6/package-lock.json'),
          'utf8',
        ),
      ) as Record<string, unknown>;

      const error = await extractInline({ ...lock, [field]: 5 }).catch(
        (e: unknown) => e,
      );

      expect(error).toBeInstanceOf(InputError);
      expect((error as Error).message).toBe(
        `package-lock.json has a number at "${field}"; expected an object; ` +
          'restore it from version control or regenerate it with npm install',
      );
    },
  );

  it('still skips a single entry that is not an object', async () => {
    const graph = await extractInline({
      lockfileVersion: 3,
      packages: {
        '': { dependencies: { a: '^1.0.0', b: '^1.0.0' } },
        'node_modules/a': 5,
        'node_modules/b': {
          version: '1.0.0',
          resolved: registry('b', '1.0.0'),
        },
      },
    });

    expect(graph.packages.map((p) => [p.name, p.version])).toEqual([
      ['b', '1.0.0'],
    ]);
  });

  it('names the versions it supports', async () => {
    const error = await extractInline({ lockfileVersion: 7 }).catch(
      (e: unknown) => e,
    );

    expect((error as Error).message).toBe(
      'package-lock.json has lockfileVersion 7; supported: 1, 2, 3; ' +
        'regenerate it with npm 7 or later',
    );
  });
});
