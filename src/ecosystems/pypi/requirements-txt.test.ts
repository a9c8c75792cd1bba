import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS_DIR, repositoryAt } from '../../test-support/shared.js';
import type { RepositoryFiles } from '../types.js';
import {
  extractRequirements,
  isRequirementsTxt,
  resolveInclude,
} from './requirements-txt.js';

function memoryRepository(files: Record<string, string>): RepositoryFiles {
  return {
    paths: Object.keys(files).sort(),
    readText: async (p) => files[p],
  };
}

async function extractText(text: string, extra: Record<string, string> = {}) {
  const repository = memoryRepository({ 'requirements.txt': text, ...extra });
  return extractRequirements({ path: 'requirements.txt', text, repository });
}

describe('requirements.txt on the corpus', () => {
  const cases = [
    ['warehouse', 'requirements/main.txt'],
    ['warehouse', 'requirements/tests.txt'],
    ['warehouse', 'requirements/lint.txt'],
    ['fixture-requirements-markers', 'pip-compile-marker/requirements.txt'],
    ['fixture-requirements-markers', 'markers-and-hashes/requirements.txt'],
    ['fixture-requirements-markers', 'markers-combined/requirements.txt'],
    ['fixture-requirements-env-markers', 'requirements.txt'],
  ] as const;

  it.each(cases)('%s %s: one package per pinned line', async (dir, file) => {
    const root = path.join(CORPUS_DIR, dir);
    const text = readFileSync(path.join(root, file), 'utf8');
    // Independent route: lines that start with a plain `name==` (or with
    // `name[extras]==`, which warehouse uses three times).
    const pinned = text
      .split('\n')
      .filter((l) => /^[A-Za-z0-9._-]+(\[[^\]]*\])?==/.test(l));

    const graph = await extractRequirements({
      path: file,
      text,
      repository: repositoryAt(root),
    });

    expect(graph.packages).toHaveLength(pinned.length);
    expect(graph.packages.every((p) => p.version !== null)).toBe(true);
  });

  it('warehouse requirements.txt follows its -r includes', async () => {
    const root = path.join(CORPUS_DIR, 'warehouse');
    const text = readFileSync(path.join(root, 'requirements.txt'), 'utf8');
    const includes = text.split('\n').filter((l) => l.startsWith('-r '));

    const graph = await extractRequirements({
      path: 'requirements.txt',
      text,
      repository: repositoryAt(root),
    });

    expect(graph.files).toHaveLength(includes.length + 1);
    expect(graph.warnings).toEqual([]);
    const tests = graph.packages.find((p) => p.name === 'pytest');
    expect(tests?.scope).toBe('test');
  });

  it('pip-compile via notes separate direct from transitive', async () => {
    const root = path.join(CORPUS_DIR, 'warehouse');
    const text = readFileSync(path.join(root, 'requirements/main.txt'), 'utf8');
    // Hand count from main.in: lines naming a project.
    const inputs = readFileSync(path.join(root, 'requirements/main.in'), 'utf8')
      .split('\n')
      .filter((l) => /^[A-Za-z]/.test(l)).length;

    const graph = await extractRequirements({
      path: 'requirements/main.txt',
      text,
      repository: repositoryAt(root),
    });

    const direct = graph.packages.filter((p) => p.direct);
    expect(direct.length).toBeGreaterThanOrEqual(inputs - 2);
    expect(direct.length).toBeLessThanOrEqual(inputs);
    const amqp = graph.packages.find((p) => p.name === 'amqp');
    expect(amqp?.direct).toBe(false);
    expect(graph.edges).toContainEqual({
      from: 'kombu@4.6.11',
      to: 'amqp@2.6.1',
    });
  });
});

describe('requirement lines', () => {
  const cases: [string, Record<string, unknown>][] = [
    ['Django==4.2.1', { name: 'django', version: '4.2.1', source: 'registry' }],
    ['zope.interface===5.0', { name: 'zope-interface', version: '5.0' }],
    [
      'requests>=2,<3',
      { version: null, declared: '>=2,<3', skipReason: 'unresolved' },
    ],
    ['flask', { version: null, declared: '*' }],
    ['celery[redis,sqs]==5.3.0', { name: 'celery', version: '5.3.0' }],
    [
      "arrow==1.3.0; python_version >= '3.8'",
      { version: '1.3.0', declared: "==1.3.0; python_version >= '3.8'" },
    ],
    [
      'pytest==3.2.3 ; python_version=="2.7" \\\n    --hash=sha256:81a2 \\\n    --hash=sha256:27fa',
      {
        name: 'pytest',
        version: '3.2.3',
        declared: '==3.2.3; python_version=="2.7"',
      },
    ],
    [
      '-e git+https://github.com/a/b.git@v1#egg=Some_Pkg',
      {
        name: 'some-pkg',
        version: null,
        source: 'git',
        skipReason: 'git-dependency',
      },
    ],
    [
      'pkg @ https://example.com/pkg-1.0.tar.gz',
      { name: 'pkg', source: 'url', skipReason: 'url-dependency' },
    ],
    [
      'https://example.com/files/six-1.16.0-py2.py3-none-any.whl',
      { name: 'six', version: '1.16.0', source: 'url' },
    ],
    [
      './vendor/lib-2.0.tar.gz',
      { name: 'lib', version: '2.0', source: 'file' },
    ],
    ['--index-url https://example.com/simple\nattrs==1', { name: 'attrs' }],
    [
      '-i https://example.com/simple\nattrs==1 # pinned',
      { name: 'attrs', version: '1' },
    ],
  ];

  it.each(cases)('%s', async (line, expected) => {
    const graph = await extractText(line);

    expect(graph.packages).toHaveLength(1);
    expect(graph.packages[0]).toMatchObject(expected);
  });

  it('reads a hostile line of 200 000 blanks in linear time', async () => {
    const text = `six==1.0${' '.repeat(200_000)}x\nattrs==1`;
    const start = performance.now();

    const graph = await extractText(text);

    expect(performance.now() - start).toBeLessThan(1000);
    expect(graph.packages.map((p) => p.name)).toContain('attrs');
  });

  it('warns on a local path without a name and keeps reading', async () => {
    const graph = await extractText('-e .\nsix==1.0');

    expect(graph.packages.map((p) => p.name)).toEqual(['six']);
    expect(graph.warnings[0]?.code).toBe('REQUIREMENT_UNNAMED');
  });

  it('detects include loops and refuses traversal', async () => {
    const graph = await extractText('-r a.txt\n-r ../../etc/x.txt\nsix==1', {
      'a.txt': '-r requirements.txt\nattrs==1',
    });

    expect(graph.packages.map((p) => p.name).sort()).toEqual(['attrs', 'six']);
    expect(graph.warnings.map((w) => w.code).sort()).toEqual([
      'REQUIREMENTS_INCLUDE_LOOP',
      'REQUIREMENTS_INCLUDE_REFUSED',
    ]);
  });

  it('resolves unpinned lines through a -c constraints file', async () => {
    const graph = await extractText('-c constraints.txt\nattrs', {
      'constraints.txt': 'attrs==22.1.0\nsix==1',
    });

    expect(graph.packages).toHaveLength(1);
    expect(graph.packages[0]?.version).toBe('22.1.0');
  });
});

describe('file names', () => {
  it.each([
    ['requirements.txt', true],
    ['sub/requirements-dev.txt', true],
    ['dev-requirements.txt', true],
    ['requirements/base.txt', true],
    ['notes.txt', false],
    ['requirements.in', false],
  ])('%s → %s', (file, expected) => {
    expect(isRequirementsTxt(file)).toBe(expected);
  });

  it.each([
    ['a', 'b.txt', 'a/b.txt'],
    ['a/b', '../c.txt', 'a/c.txt'],
    ['', '../x.txt', undefined],
    ['', '/etc/passwd', undefined],
    ['', 'https://x/y.txt', undefined],
  ])('include %s + %s → %s', (dir, target, expected) => {
    expect(resolveInclude(dir, target)).toBe(expected);
  });
});
