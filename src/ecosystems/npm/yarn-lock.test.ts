import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { DependencyGraph } from '../../core/model.js';
import { repositoryAt } from '../../test-support/shared.js';
import { yarnLockExtractor } from './yarn-lock.js';

const FIXTURES = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '__fixtures__',
);

async function extractFixture(
  folder: string,
  lockfile = 'yarn.lock',
): Promise<DependencyGraph> {
  const dir = path.join(FIXTURES, folder);
  return yarnLockExtractor.extract({
    path: 'yarn.lock',
    text: readFileSync(path.join(dir, lockfile), 'utf8'),
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

// Expected lines are a hand reading of each fixture's package.json files.
describe('yarn.lock classic fixture', () => {
  it('reads packages, sources and scopes', async () => {
    const graph = await extractFixture('yarn-classic-workspaces');

    expect(summary(graph)).toEqual([
      'fsevents@2.3.3 registry optional direct',
      'gitdep@0.1.0 git prod direct',
      'jest-lite@1.2.0 registry dev direct',
      'left-pad@1.3.0 registry prod direct',
      'localdep@0.0.1 file prod direct',
      'only-dev@1.0.0 registry dev direct',
      'shared-dev@1.0.0 registry dev',
      'string-width@4.2.3 registry prod direct',
      'strip-ansi@6.0.1 registry prod',
    ]);
  });

  it('links roots to workspaces and warns about what the lockfile lacks', async () => {
    const graph = await extractFixture('yarn-classic-workspaces');
    const [app, myWs] = graph.roots;

    expect(graph.roots.map((r) => [r.name, r.path])).toEqual([
      ['app', ''],
      ['my-ws', 'packages/my-ws'],
    ]);
    expect(graph.edges).toContainEqual({
      from: app!.key,
      to: myWs!.key,
      scope: 'prod',
    });
    expect(graph.edges).toContainEqual({
      from: myWs!.key,
      to: 'left-pad@1.3.0',
      scope: 'prod',
    });
    expect([...graph.files].sort()).toEqual([
      'package.json',
      'packages/my-ws/package.json',
      'yarn.lock',
    ]);
    expect(
      graph.warnings.map((w) => [w.code, w.message.split(' ')[0]]),
    ).toEqual([['ERR_LOCKFILE_OUT_OF_SYNC', 'missing-one@^2.0.0']]);
  });

  it('gives each package its line', async () => {
    const graph = await extractFixture('yarn-classic-workspaces');
    const lines = readFileSync(
      path.join(FIXTURES, 'yarn-classic-workspaces/yarn.lock'),
      'utf8',
    ).split('\n');

    const stripAnsi = graph.packages.find((p) => p.name === 'strip-ansi')!;
    expect(lines[stripAnsi.line! - 1]).toBe('strip-ansi@^6.0.1:');
  });
});

describe('yarn.lock Berry fixture', () => {
  it('reads packages, patches, aliases and scopes', async () => {
    const graph = await extractFixture('yarn-berry-workspaces');

    expect(summary(graph)).toEqual([
      'fsevents@2.3.3 registry optional direct',
      'left-pad@1.3.0 registry prod direct',
      'lodash@4.17.21 registry prod direct',
      'react-is@18.3.1 alias prod direct',
      'typescript@5.4.5 registry dev direct',
    ]);
  });

  it('takes roots from workspace entries and warns about what the lockfile lacks', async () => {
    const graph = await extractFixture('yarn-berry-workspaces');

    expect(graph.roots.map((r) => [r.name, r.path, r.file])).toEqual([
      ['lib-a', 'packages/lib-a', 'packages/lib-a/package.json'],
      ['mono', '', 'package.json'],
    ]);
    expect([...graph.files].sort()).toEqual([
      'package.json',
      'packages/lib-a/package.json',
      'yarn.lock',
    ]);
    expect(
      graph.warnings.map((w) => [w.code, w.message.split(' ')[0]]),
    ).toEqual([['ERR_LOCKFILE_OUT_OF_SYNC', 'missing-dep@^1.0.0']]);
  });
});

describe('yarn.lock lenient reading', () => {
  it('keeps going past a bad entry and a dangling dependency', async () => {
    const text = [
      'a@^1.0.0:',
      '  version "1.0.0"',
      '  dependencies:',
      '    gone "^2.0.0"',
      '',
      'b@^1.0.0:',
      '  resolved "https://packages.example.test/b/-/b-1.0.0.tgz"',
      '',
      'c@^1.0.0:',
      '  version "1.0.0"',
      '',
    ].join('\n');
    const request = {
      path: 'yarn.lock',
      text,
      repository: repositoryAt(FIXTURES),
    };

    const graph = await yarnLockExtractor.extract(request);

    expect(graph.packages.map((p) => p.key)).toEqual(['a@1.0.0', 'c@1.0.0']);
    expect(graph.warnings.map((w) => [w.code, w.line])).toEqual([
      ['ERR_LOCKFILE_NO_MANIFEST', undefined],
      ['ERR_LOCKFILE_ENTRY', 6],
      ['ERR_LOCKFILE_UNRESOLVED', 1],
    ]);
  });
});

describe('yarn.lock Berry lenient reading', () => {
  it('warns about a dependency without entry, with the line of its parent', async () => {
    const text = [
      '__metadata:',
      '  version: 8',
      '',
      '"a@npm:^1.0.0":',
      '  version: 1.0.0',
      '  resolution: "a@npm:1.0.0"',
      '  dependencies:',
      '    gone: "npm:^2.0.0"',
      '',
      '"root@workspace:.":',
      '  version: 0.0.0-use.local',
      '  resolution: "root@workspace:."',
      '',
    ].join('\n');
    const request = {
      path: 'yarn.lock',
      text,
      repository: repositoryAt(FIXTURES),
    };

    const graph = await yarnLockExtractor.extract(request);

    expect(graph.packages.map((p) => [p.key, p.line])).toEqual([
      ['a@1.0.0', 4],
    ]);
    expect(graph.warnings.map((w) => [w.code, w.line])).toEqual([
      ['ERR_LOCKFILE_UNRESOLVED', 4],
    ]);
  });
});

describe('yarn.lock errors', () => {
  it('refuses a Berry lockfile without its root workspace as truncated', async () => {
    const text = [
      '__metadata:',
      '  version: 8',
      '',
      '"a@npm:^1.0.0":',
      '  version: 1.0.0',
      '  resolution: "a@npm:1.0.0"',
      '',
    ].join('\n');

    const failure = yarnLockExtractor.extract({
      path: 'yarn.lock',
      text,
      repository: repositoryAt(FIXTURES),
    });

    await expect(failure).rejects.toMatchObject({
      code: 'ERR_LOCKFILE_SYNTAX',
      file: 'yarn.lock',
    });
  });

  it.each([
    ['classic, cut inside a quoted value', 'yarn-classic-truncated.lock', 9],
    ['Berry, cut inside an entry', 'yarn-berry-truncated.lock', 30],
  ])('%s throws ERR_LOCKFILE_SYNTAX', async (_case, file, line) => {
    await expect(extractFixture('.', file)).rejects.toMatchObject({
      code: 'ERR_LOCKFILE_SYNTAX',
      file: 'yarn.lock',
      line,
    });
  });

  it.each([
    ['a key line without colon', 'left-pad@^1.0.0\n  version "1.3.0"\n', 1],
    ['a field before any key', '  version "1.3.0"\n', 1],
    ['too deep indentation', 'a@^1:\n  version "1.0.0"\n      x "1"\n', 3],
    ['not yaml-like at all', '{"lockfileVersion": 3}\n', 1],
  ])('classic: %s throws with its line', async (_case, text, line) => {
    const request = {
      path: 'yarn.lock',
      text,
      repository: repositoryAt(FIXTURES),
    };

    await expect(yarnLockExtractor.extract(request)).rejects.toMatchObject({
      code: 'ERR_LOCKFILE_SYNTAX',
      line,
    });
  });
});
