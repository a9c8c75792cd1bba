import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.js';
import type { DependencyGraph } from '../../core/model.js';
import { CORPUS_DIR, repositoryAt } from '../../test-support/shared.js';
import type { ExtractionRequest, RepositoryFiles } from '../types.js';
import { extractPdmLock } from './pdm-lock.js';
import { extractPipfileLock } from './pipfile-lock.js';
import { extractPoetryLock } from './poetry-lock.js';
import { extractUvLock } from './uv-lock.js';

type Extract = (request: ExtractionRequest) => Promise<DependencyGraph>;
const FIXTURES = path.join(import.meta.dirname, '__fixtures__');

function fixture(name: string): string {
  return readFileSync(path.join(FIXTURES, name), 'utf8');
}

function memoryRepository(files: Record<string, string>): RepositoryFiles {
  return { paths: Object.keys(files).sort(), readText: async (p) => files[p] };
}

async function extractCorpus(dir: string, file: string, extract: Extract) {
  const root = path.join(CORPUS_DIR, dir);
  const text = readFileSync(path.join(root, file), 'utf8');
  const graph = await extract({
    path: file,
    text,
    repository: repositoryAt(root),
  });
  return { text, graph };
}

/** Independent route: `[[package]]` headers by a line scan. */
function countHeaders(text: string): number {
  return text.split('\n').filter((l) => l.trim() === '[[package]]').length;
}

function reachable(graph: DependencyGraph): Set<string> {
  const seen = new Set<string>(graph.roots.map((r) => r.key));
  const queue = [...seen];
  for (let i = 0; i < queue.length; i++) {
    for (const edge of graph.edges) {
      if (edge.from === queue[i] && !seen.has(edge.to)) {
        seen.add(edge.to);
        queue.push(edge.to);
      }
    }
  }
  return seen;
}

describe('poetry.lock on the corpus', () => {
  it.each(['poetry', 'poetry-2022', 'osv-dev'])('%s', async (dir) => {
    const { text, graph } = await extractCorpus(
      dir,
      'poetry.lock',
      extractPoetryLock,
    );
    const pyproject = parse(
      readFileSync(path.join(CORPUS_DIR, dir, 'pyproject.toml'), 'utf8'),
    );

    expect(graph.packages).toHaveLength(countHeaders(text));
    expect(graph.warnings).toEqual([]);
    expect(graph.files).toEqual(['poetry.lock', 'pyproject.toml']);
    expect(graph.packages.filter((p) => p.direct).length).toBeGreaterThan(0);
    // Hand check: every package the pyproject's dev group names is direct.
    const tool = pyproject.tool as {
      poetry?: { group?: { dev?: { dependencies?: object } } };
    };
    for (const name of Object.keys(
      tool.poetry?.group?.dev?.dependencies ?? {},
    )) {
      expect(graph.packages.find((p) => p.name === name)?.direct).toBe(true);
    }
  });

  it('poetry-2022 (lock 1.1): dev-only packages are dev, shared ones prod', async () => {
    const { text, graph } = await extractCorpus(
      'poetry-2022',
      'poetry.lock',
      extractPoetryLock,
    );
    // Independent route: lock 1.1 writes `category = "dev"` per package.
    const devCount = text
      .split('\n')
      .filter((l) => l === 'category = "dev"').length;

    const dev = graph.packages.filter((p) => p.scope === 'dev');
    expect(dev.length).toBe(devCount);
  });

  it('poetry (lock 2.1): every package is reachable from the root', async () => {
    const { graph } = await extractCorpus(
      'poetry',
      'poetry.lock',
      extractPoetryLock,
    );

    const seen = reachable(graph);
    const orphans = graph.packages
      .filter((p) => !seen.has(p.key))
      .map((p) => p.name);
    expect(orphans).toEqual([]);
  });
});

describe('Pipfile.lock on the corpus', () => {
  it.each(['pipenv', 'pipenv-examples'])('%s', async (dir) => {
    const { text, graph } = await extractCorpus(
      dir,
      'Pipfile.lock',
      extractPipfileLock,
    );
    // Independent route: distinct name@version keys of default + develop.
    const json = JSON.parse(text) as Record<
      string,
      Record<string, { version?: string }>
    >;
    const keys = new Set(
      ['default', 'develop'].flatMap((s) =>
        Object.entries(json[s] ?? {}).map(
          ([n, v]) => `${n.toLowerCase().replace(/[-_.]+/g, '-')}@${v.version}`,
        ),
      ),
    );

    expect(graph.packages).toHaveLength(keys.size);
    expect(graph.edges.length).toBeGreaterThanOrEqual(keys.size);
    expect(graph.files).toContain('Pipfile');
  });

  it('pipenv: Pipfile names are direct, develop is dev', async () => {
    const { graph } = await extractCorpus(
      'pipenv',
      'Pipfile.lock',
      extractPipfileLock,
    );

    expect(graph.packages.find((p) => p.name === 'pytz')).toMatchObject({
      direct: true,
      scope: 'prod',
    });
    expect(graph.packages.find((p) => p.name === 'sphinx')).toMatchObject({
      direct: true,
      scope: 'dev',
    });
    expect(graph.packages.find((p) => p.name === 'docutils')?.direct).toBe(
      false,
    );
    // Lines by a plain scan: the `"sphinx": {` line under "develop".
    const lines = readFileSync(
      path.join(CORPUS_DIR, 'pipenv/Pipfile.lock'),
      'utf8',
    ).split('\n');
    const sphinxLine = lines.findIndex((l) => l === '        "sphinx": {') + 1;
    expect(graph.packages.find((p) => p.name === 'sphinx')?.line).toBe(
      sphinxLine,
    );
  });
});

describe('uv.lock on the corpus', () => {
  it.each(['pydantic', 'renovate', 'cdxgen'])('%s', async (dir) => {
    const { text, graph } = await extractCorpus(dir, 'uv.lock', extractUvLock);
    // Independent route: headers minus the project's own entries (virtual
    // or editable sources), counted by a line scan.
    const own = text
      .split('\n')
      .filter((l) => /^source = \{ (virtual|editable) = /.test(l)).length;

    expect(graph.packages).toHaveLength(countHeaders(text) - own);
    expect(graph.roots).toHaveLength(own);
    expect(graph.warnings).toEqual([]);
    const seen = reachable(graph);
    expect(graph.packages.filter((p) => !seen.has(p.key))).toEqual([]);
  });

  it('pydantic: dependency groups are dev, extras optional', async () => {
    const { graph } = await extractCorpus('pydantic', 'uv.lock', extractUvLock);

    expect(
      graph.packages.find((p) => p.name === 'annotated-types'),
    ).toMatchObject({ scope: 'prod', direct: true });
    expect(
      graph.packages.find((p) => p.name === 'email-validator')?.scope,
    ).toBe('optional');
    expect(graph.packages.find((p) => p.name === 'mkdocs')?.scope).toBe('dev');
    expect(graph.packages.find((p) => p.source === 'git')).toBeDefined();
  });
});

describe('uv.lock dependencies naming a version', () => {
  it('link the matching version when a name has two', async () => {
    const text = [
      '[[package]]\nname = "app"\nversion = "0.1.0"\nsource = { virtual = "." }',
      'dependencies = [{ name = "six", version = "1.16.0" }]\n',
      '[[package]]\nname = "six"\nversion = "1.15.0"\n',
      '[[package]]\nname = "six"\nversion = "1.16.0"\n',
    ].join('\n');

    const graph = await extractUvLock({
      path: 'uv.lock',
      text,
      repository: memoryRepository({}),
    });

    expect(graph.edges).toEqual([
      { from: 'root::app', to: 'six@1.16.0', scope: 'prod' },
    ]);
    expect(graph.packages.find((p) => p.version === '1.15.0')?.direct).toBe(
      false,
    );
  });
});

describe('pdm.lock', () => {
  it('reads groups, edges and git sources (hand-counted fixture)', async () => {
    const repository = memoryRepository({
      'pdm.lock': fixture('pdm-groups.lock'),
      'pyproject.toml': fixture('pdm-groups.pyproject.toml'),
    });

    const graph = await extractPdmLock({
      path: 'pdm.lock',
      text: fixture('pdm-groups.lock'),
      repository,
    });

    // Hand count: 7 [[package]] entries, 3 edges out of anyio, 2 out of pytest.
    expect(graph.packages).toHaveLength(7);
    expect(graph.edges.filter((e) => !e.from.startsWith('root:'))).toHaveLength(
      5,
    );
    const byName = new Map(graph.packages.map((p) => [p.name, p]));
    expect(byName.get('anyio')).toMatchObject({ direct: true, scope: 'prod' });
    expect(byName.get('pytest')).toMatchObject({ direct: true, scope: 'dev' });
    expect(byName.get('iniconfig')).toMatchObject({
      direct: false,
      scope: 'dev',
    });
    expect(byName.get('exceptiongroup')?.scope).toBe('prod');
    expect(byName.get('mylib')?.source).toBe('git');
  });
});

describe('malformed lockfiles', () => {
  const extractors: [string, Extract][] = [
    ['poetry', extractPoetryLock],
    ['uv', extractUvLock],
    ['pdm', extractPdmLock],
  ];

  it.each(extractors)(
    '%s: truncated TOML → InputError with file and line',
    async (_, extract) => {
      const text = fixture('truncated.lock');

      const result = extract({
        path: 'x.lock',
        text,
        repository: memoryRepository({}),
      });

      await expect(result).rejects.toBeInstanceOf(InputError);
      await expect(result).rejects.toMatchObject({
        code: 'ERR_TOML_SYNTAX',
        file: 'x.lock',
        line: 6,
      });
    },
  );

  it.each(
    extractors.flatMap(([tool, extract]) => [
      [tool, extract, 'package = 5\n', 'a number'],
      [tool, extract, 'package = "x"\n', 'a string'],
      [tool, extract, '[package]\nname = "six"\nversion = "1"\n', 'a table'],
    ]),
  )('%s: package not an array of tables → InputError', async (...args) => {
    const [, extract, text, found] = args as [string, Extract, string, string];

    const result = extract({
      path: 'sub/x.lock',
      text,
      repository: memoryRepository({}),
    });

    await expect(result).rejects.toMatchObject({
      code: 'ERR_LOCKFILE_SYNTAX',
      file: 'sub/x.lock',
      message: expect.stringContaining(
        `x.lock has ${found} at "package"; expected an array of tables; `,
      ),
    });
  });

  it('poetry: entries of the wrong type become warnings', async () => {
    const text = fixture('wrong-types.lock');

    const graph = await extractPoetryLock({
      path: 'poetry.lock',
      text,
      repository: memoryRepository({}),
    });

    expect(graph.packages.map((p) => p.name)).toEqual(['six']);
    expect(graph.warnings.map((w) => [w.code, w.line])).toEqual([
      ['LOCK_ENTRY_INVALID', 5],
      ['LOCK_ENTRY_INVALID', 9],
    ]);
  });

  it.each([
    ['[]', 'holds an array, not a JSON object'],
    ['{"default": 5, "develop": {}}', 'has a number at "default"'],
    ['{"default": {}, "develop": []}', 'has an array at "develop"'],
  ])('Pipfile.lock %s → InputError', async (text, message) => {
    const result = extractPipfileLock({
      path: 'Pipfile.lock',
      text,
      repository: memoryRepository({}),
    });

    await expect(result).rejects.toMatchObject({
      code: 'ERR_LOCKFILE_SYNTAX',
      file: 'Pipfile.lock',
      message: expect.stringContaining(`Pipfile.lock ${message}`),
    });
  });

  it('Pipfile.lock: an entry that is not an object is a warning', async () => {
    const text = '{"default": {"bad": 5, "six": {"version": "==1.16.0"}}}';

    const graph = await extractPipfileLock({
      path: 'Pipfile.lock',
      text,
      repository: memoryRepository({}),
    });

    expect(graph.packages.map((p) => p.key)).toEqual(['six@1.16.0']);
    expect(graph.warnings.map((w) => w.code)).toEqual(['LOCK_ENTRY_INVALID']);
  });

  it('Pipfile.lock that is not JSON → InputError', async () => {
    const result = extractPipfileLock({
      path: 'Pipfile.lock',
      text: '{"default": ',
      repository: memoryRepository({}),
    });

    await expect(result).rejects.toMatchObject({
      code: 'ERR_LOCKFILE_SYNTAX',
      file: 'Pipfile.lock',
    });
  });
});
