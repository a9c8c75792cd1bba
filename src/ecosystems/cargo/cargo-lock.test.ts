import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.js';
import { CORPUS_DIR, repositoryAt } from '../../test-support/shared.js';
import { cargoLockExtractor } from './cargo-lock.js';

const FIXTURES = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '__fixtures__',
);

async function extract(dir: string, file: string) {
  const repository = repositoryAt(dir);
  const text = (await repository.readText(file)) as string;
  return cargoLockExtractor.extract({ path: file, text, repository });
}

// Independent route: a line scan for `[[package]]` headers; every entry is
// either a package or a workspace member (a root).
function countHeaders(file: string): number {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l === '[[package]]').length;
}

describe('Cargo.lock from the corpus', () => {
  it.each([
    // Members counted by hand from each Cargo.toml's [workspace] members.
    ['ripgrep', 'Cargo.lock', 11],
    ['ripgrep', 'fuzz/Cargo.lock', 1],
    ['bat', 'Cargo.lock', 1],
  ])('%s %s', async (project, file, members) => {
    const dir = path.join(CORPUS_DIR, project);

    const graph = await extract(dir, file);

    expect(graph.roots).toHaveLength(members);
    expect(graph.packages.length + graph.roots.length).toBe(
      countHeaders(path.join(dir, file)),
    );
    expect(graph.warnings).toEqual([]);
  });

  it('knows ripgrep facts', async () => {
    const graph = await extract(path.join(CORPUS_DIR, 'ripgrep'), 'Cargo.lock');

    const byName = new Map(graph.packages.map((p) => [p.name, p]));
    // ripgrep's Cargo.toml: anyhow in [dependencies], jemalloc target-specific.
    expect(byName.get('anyhow')).toMatchObject({ direct: true, scope: 'prod' });
    expect(byName.get('tikv-jemallocator')?.direct).toBe(true);
    expect(graph.edges).toContainEqual({
      from: 'root:Cargo.toml',
      to: 'root:crates/grep/Cargo.toml',
      scope: 'prod',
    });
  });

  it('keeps the path dependency of the fuzz sub-project as a file package', async () => {
    const graph = await extract(
      path.join(CORPUS_DIR, 'ripgrep'),
      'fuzz/Cargo.lock',
    );

    // fuzz/Cargo.toml: globset = { path = "../crates/globset" }
    expect(graph.packages.find((p) => p.name === 'globset')).toMatchObject({
      source: 'file',
      direct: true,
      skipReason: 'path-dependency',
    });
  });
});

describe('Cargo.lock fixtures', () => {
  it('reads v1 with [root], [metadata] and (source) disambiguation', async () => {
    const graph = await extract(
      path.join(FIXTURES, 'v1-metadata'),
      'Cargo.lock',
    );

    expect(graph.roots.map((r) => r.name)).toEqual(['app']);
    expect(graph.packages.map((p) => p.key).sort()).toEqual([
      'helper@0.1.0',
      'libc@0.2.40',
      'rand@0.3.23',
      'rand@0.4.6',
    ]);
    expect(graph.edges).toContainEqual({
      from: 'rand@0.3.23',
      to: 'libc@0.2.40',
    });
    expect(graph.packages.find((p) => p.name === 'helper')?.source).toBe('git');
  });

  it.each([
    ['serde@1.0.100', 'prod', true],
    // core-lib is a workspace member, so its own dependency is direct.
    ['serde@1.0.200', 'prod', true],
    ['tempfile@3.0.0', 'dev', true],
    ['cc@1.0.0', 'optional', true],
  ])('v3 workspace: %s is %s, direct %s', async (key, scope, direct) => {
    const graph = await extract(
      path.join(FIXTURES, 'v3-workspace'),
      'Cargo.lock',
    );

    const pkg = graph.packages.find((p) => p.key === key);

    expect(pkg).toMatchObject({ scope, direct });
  });

  it('warns about a dependency missing from the lockfile', async () => {
    const graph = await extract(
      path.join(FIXTURES, 'v3-workspace'),
      'Cargo.lock',
    );

    expect(graph.roots.map((r) => r.file).sort()).toEqual([
      'Cargo.toml',
      'crates/core-lib/Cargo.toml',
    ]);
    expect(graph.warnings.map((w) => w.code)).toEqual(['ERR_CARGO_DEPENDENCY']);
  });

  it('refuses truncated TOML with the line', async () => {
    const failure = extract(
      path.join(FIXTURES, 'truncated-lock'),
      'Cargo.lock',
    );

    await expect(failure).rejects.toBeInstanceOf(InputError);
    await expect(failure).rejects.toMatchObject({
      code: 'ERR_TOML_SYNTAX',
      file: 'Cargo.lock',
      line: 5,
    });
  });

  it.each([
    ['package = 5', 'a number at "package"; expected an array of tables'],
    ['package = "serde"', 'a string at "package"; expected an array of tables'],
    [
      '[package]\nname = "serde"\nversion = "1.0.0"',
      'a table at "package"; expected an array of tables',
    ],
    ['root = 5', 'a number at "root"; expected a table'],
  ])('refuses %j, which would read as no crates', async (body, found) => {
    const text = `version = 3\n\n${body}\n`;
    const failure = cargoLockExtractor.extract({
      path: 'sub/Cargo.lock',
      text,
      repository: {
        paths: ['sub/Cargo.lock'],
        readText: async () => undefined,
      },
    });

    await expect(failure).rejects.toMatchObject({
      code: 'ERR_LOCKFILE_SYNTAX',
      file: 'sub/Cargo.lock',
      message:
        `Cargo.lock has ${found}; restore it from version control or ` +
        'regenerate it with cargo generate-lockfile',
    });
  });
});
