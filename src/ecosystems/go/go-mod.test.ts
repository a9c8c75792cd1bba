import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS_DIR, repositoryAt } from '../../test-support/shared.js';
import type { RepositoryFiles } from '../types.js';
import { extractGoMod } from './go-mod.js';
import { goReleaseVersion } from './go-mod-parse.js';

const FIXTURES = path.join(import.meta.dirname, '__fixtures__');

function memoryRepository(files: Record<string, string>): RepositoryFiles {
  return { paths: Object.keys(files).sort(), readText: async (p) => files[p] };
}

// Lines below the module directive, which every go.mod starts with.
async function extractLines(lines: string) {
  return extractText(`module example.com/m\n${lines}`);
}

async function extractText(text: string) {
  return extractGoMod({
    path: 'go.mod',
    text,
    repository: memoryRepository({ 'go.mod': text }),
  });
}

describe('go.mod on the corpus', () => {
  it.each(['syft', 'trivy', 'guac', 'osv-detector'])('%s', async (dir) => {
    const root = path.join(CORPUS_DIR, dir);
    const text = readFileSync(path.join(root, 'go.mod'), 'utf8');
    // Independent route, a plain scan: `\tpath vX` lines of blocks plus
    // single-line `require path vX`; the indirect ones by their comment.
    const lines = text.split('\n');
    const blockRequires = lines.filter((l) => /^\t[^\s/]\S* v\S+/.test(l));
    const singleRequires = lines.filter((l) => /^require [^(\s]+ v/.test(l));
    const indirect = lines.filter((l) =>
      /^(\t|require )[^\s/]\S* v\S+ \/\/ indirect/.test(l),
    );

    const graph = await extractGoMod({
      path: 'go.mod',
      text,
      repository: repositoryAt(root),
    });

    const modules = graph.packages.filter((p) => p.name !== 'stdlib');
    expect(modules).toHaveLength(blockRequires.length + singleRequires.length);
    expect(modules.filter((p) => !p.direct)).toHaveLength(indirect.length);
    expect(graph.edges).toHaveLength(graph.packages.length);
    expect(graph.warnings).toEqual([]);
    const goLine = /^go (\S+)/m.exec(text)?.[1];
    expect(graph.packages.find((p) => p.name === 'stdlib')?.version).toMatch(
      new RegExp(`^${goLine?.replace(/\./g, '\\.')}`),
    );
  });

  it('guac: the replaced module takes the replacement version', async () => {
    const root = path.join(CORPUS_DIR, 'guac');
    const text = readFileSync(path.join(root, 'go.mod'), 'utf8');

    const graph = await extractGoMod({
      path: 'go.mod',
      text,
      repository: repositoryAt(root),
    });

    const spec = graph.packages.find(
      (p) => p.name === 'github.com/opencontainers/runtime-spec',
    );
    expect(spec?.version).toBe('v1.2.1');
    expect(spec?.declared).toContain('=>');
  });
});

describe('go.mod lines', () => {
  const cases: [string, string, Record<string, unknown>][] = [
    [
      'pseudo-version',
      'require golang.org/x/sys v0.0.0-20220412211240-33da011f77ad',
      { version: 'v0.0.0-20220412211240-33da011f77ad', direct: true },
    ],
    [
      '+incompatible',
      'require github.com/docker/docker v24.0.7+incompatible // indirect',
      { version: 'v24.0.7+incompatible', direct: false },
    ],
    [
      'indirect with more notes',
      'require (\n\tgithub.com/a/b v1.0.0 // indirect; used by tests\n)',
      { name: 'github.com/a/b', direct: false },
    ],
    [
      'quoted path',
      'require "github.com/a/b" v1.0.0',
      { name: 'github.com/a/b', version: 'v1.0.0' },
    ],
    [
      'module replace',
      'require github.com/a/b v1.0.0\nreplace github.com/a/b => github.com/fork/b v1.0.1',
      { name: 'github.com/fork/b', version: 'v1.0.1' },
    ],
    [
      'same-path replace',
      'require github.com/a/b v1.0.0\nreplace github.com/a/b v1.0.0 => github.com/a/b v1.0.2',
      { name: 'github.com/a/b', version: 'v1.0.2' },
    ],
    [
      'other-version replace ignored',
      'require github.com/a/b v1.0.0\nreplace github.com/a/b v0.9.0 => github.com/a/b v1.0.2',
      { version: 'v1.0.0' },
    ],
    [
      'local replace',
      'require github.com/a/b v1.0.0\nreplace (\n\tgithub.com/a/b => ../b\n)',
      {
        name: 'github.com/a/b',
        version: null,
        source: 'file',
        skipReason: 'local-replace',
      },
    ],
    [
      'exclude and retract ignored',
      'require github.com/a/b v1.0.0\nexclude github.com/a/b v0.1.0\nretract (\n\tv1.0.0 // oops\n)\ntool github.com/a/b/cmd',
      { name: 'github.com/a/b' },
    ],
  ];

  it.each(cases)('%s', async (_, text, expected) => {
    const graph = await extractLines(text);

    const modules = graph.packages.filter((p) => p.name !== 'stdlib');
    expect(modules).toHaveLength(1);
    expect(modules[0]).toMatchObject(expected);
  });

  it('a broken require line becomes a warning', async () => {
    const graph = await extractLines(
      'require (\n\tgithub.com/a/b\n\tgithub.com/c/d v1.0.0\n)',
    );

    expect(graph.packages.map((p) => p.name)).toEqual(['github.com/c/d']);
    expect(graph.warnings).toMatchObject([
      { code: 'GO_MOD_LINE_INVALID', line: 3 },
    ]);
  });

  it.each([
    ['go1.22.1', '1.22.1'],
    ['1.21', '1.21.0'],
    ['1.21rc1', '1.21.0-rc.1'],
    ['nonsense', undefined],
  ])('Go release %s → %s', (input, expected) => {
    expect(goReleaseVersion(input)).toBe(expected);
  });

  it('stdlib takes toolchain over the go directive', async () => {
    const graph = await extractText('module m\ngo 1.21\ntoolchain go1.22.3');

    expect(graph.packages).toMatchObject([
      { name: 'stdlib', version: '1.22.3', purl: 'pkg:golang/stdlib@1.22.3' },
    ]);
  });
});

describe('go.sum before Go 1.17', () => {
  it('adds built modules go.mod leaves out, at their highest version', async () => {
    const text = readFileSync(
      path.join(FIXTURES, 'old-go-with-sum.mod'),
      'utf8',
    );
    const repository = memoryRepository({
      'go.mod': text,
      'go.sum': readFileSync(
        path.join(FIXTURES, 'old-go-with-sum.sum'),
        'utf8',
      ),
    });

    const graph = await extractGoMod({ path: 'go.mod', text, repository });

    // Hand count: errors (go.mod) + x/text v0.3.7 (go.sum, content hash) + stdlib;
    // x/sys has only a /go.mod hash, so it is not built.
    expect(graph.packages.map((p) => `${p.name}@${p.version}`).sort()).toEqual([
      'github.com/pkg/errors@v0.9.1',
      'golang.org/x/text@v0.3.7',
      'stdlib@1.16.0',
    ]);
    expect(graph.files).toEqual(['go.mod', 'go.sum']);
  });
});

describe('go.mod without a module directive', () => {
  it.each([
    ['requires only', 'go 1.21\nrequire github.com/a/b v1.0.0\n'],
    ['comments only', '// module example.com/m\n'],
    ['a module block', 'module (\n)\n'],
  ])('%s is refused', async (_, text) => {
    await expect(extractText(text)).rejects.toThrow(
      expect.objectContaining({
        code: 'ERR_LOCKFILE_SYNTAX',
        file: 'go.mod',
        message: expect.stringContaining('go.mod has no module directive'),
      }),
    );
  });
});

describe('go.mod cut off', () => {
  it('refuses a require block that never closes', async () => {
    const text = readFileSync(path.join(CORPUS_DIR, 'syft', 'go.mod'), 'utf8');
    const cut = text.slice(0, text.indexOf('require (') + 200);

    await expect(extractText(cut)).rejects.toMatchObject({
      code: 'ERR_LOCKFILE_SYNTAX',
    });
  });
});
