import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  CORPUS_DIR,
  listFiles,
  repositoryAt,
} from '../../test-support/shared.js';
import { packagesLockExtractor } from './packages-lock.js';

const FIXTURES = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '__fixtures__',
);

async function extract(dir: string, file: string) {
  const repository = repositoryAt(dir);
  const text = (await repository.readText(file)) as string;
  return packagesLockExtractor.extract({ path: file, text, repository });
}

// Independent route: a plain JSON.parse walk over every target framework,
// counting distinct (lower-cased name, resolved) pairs and Project entries.
interface LockEntry {
  type: string;
  resolved?: string;
}

function expectedCounts(file: string) {
  const json = JSON.parse(readFileSync(file, 'utf8')) as {
    dependencies: Record<string, Record<string, LockEntry>>;
  };
  const packages = new Set<string>();
  const projects = new Set<string>();
  for (const framework of Object.values(json.dependencies)) {
    for (const [name, entry] of Object.entries(framework)) {
      if (entry.type === 'Project') projects.add(name.toLowerCase());
      else packages.add(`${name.toLowerCase()}@${entry.resolved}`);
    }
  }
  return { packages: packages.size, projects: projects.size };
}

const lockfiles = [
  'bitwarden-server',
  'fixture-renovate-nuget-project-refs',
].flatMap((project) =>
  listFiles(path.join(CORPUS_DIR, project))
    .filter((f) => f.endsWith('packages.lock.json'))
    .map((f) => [project, f] as const),
);

describe('packages.lock.json from the corpus', () => {
  it.each(lockfiles)('%s %s', async (project, file) => {
    const dir = path.join(CORPUS_DIR, project);
    const expected = expectedCounts(path.join(dir, file));

    const graph = await extract(dir, file);

    expect(graph.packages).toHaveLength(expected.packages);
    // One root for the project itself plus one per referenced project.
    expect(graph.roots).toHaveLength(expected.projects + 1);
    expect(graph.warnings).toEqual([]);
  });

  it('links the renovate fixture projects root to root', async () => {
    const graph = await extract(
      path.join(CORPUS_DIR, 'fixture-renovate-nuget-project-refs'),
      'three/packages.lock.json',
    );

    // three.csproj references two, which references one.
    expect(graph.roots.map((r) => r.file).sort()).toEqual([
      'one/one.csproj',
      'three/three.csproj',
      'two/two.csproj',
    ]);
    expect(graph.edges).toEqual(
      expect.arrayContaining([
        {
          from: 'root:three/three.csproj',
          to: 'root:two/two.csproj',
          scope: 'prod',
        },
        {
          from: 'root:two/two.csproj',
          to: 'root:one/one.csproj',
          scope: 'prod',
        },
        {
          from: 'root:three/three.csproj',
          to: 'serilog@2.11.0',
          scope: 'prod',
        },
      ]),
    );
  });

  it('knows bitwarden facts', async () => {
    const graph = await extract(
      path.join(CORPUS_DIR, 'bitwarden-server'),
      'src/Api/packages.lock.json',
    );

    // Api.csproj pins Swashbuckle.AspNetCore to [10.1.7].
    expect(
      graph.packages.find((p) => p.name === 'swashbuckle.aspnetcore'),
    ).toMatchObject({
      version: '10.1.7',
      direct: true,
      purl: 'pkg:nuget/swashbuckle.aspnetcore@10.1.7',
    });
    expect(graph.files).toEqual([
      'src/Api/packages.lock.json',
      'src/Api/Api.csproj',
      'Directory.Build.props',
    ]);
  });
});

describe('packages.lock.json of the wrong shape', () => {
  const noProject = { paths: [], readText: () => Promise.resolve(undefined) };

  it('names the target framework that is not an object', async () => {
    const text = JSON.stringify({ version: 1, dependencies: { 'net8.0': 5 } });

    const failure = packagesLockExtractor.extract({
      path: 'src/App/packages.lock.json',
      text,
      repository: noProject,
    });

    await expect(failure).rejects.toThrow(
      'packages.lock.json has a number at "dependencies"."net8.0"; ' +
        'expected an object; regenerate it with `dotnet restore --force-evaluate`',
    );
  });

  it('still skips a single entry that is not an object', async () => {
    const text = JSON.stringify({
      version: 1,
      dependencies: {
        'net8.0': { Bad: 5, Polly: { type: 'Direct', resolved: '7.2.4' } },
      },
    });

    const graph = await packagesLockExtractor.extract({
      path: 'packages.lock.json',
      text,
      repository: noProject,
    });

    expect(graph.packages.map((p) => p.key)).toEqual(['polly@7.2.4']);
    expect(graph.warnings.map((w) => w.code)).toEqual(['ERR_NUGET_UNRESOLVED']);
  });
});

describe('packages.lock.json fixtures', () => {
  it('merges target frameworks and reads CentralTransitive and Project entries', async () => {
    const graph = await extract(
      path.join(FIXTURES, 'central'),
      'src/App/packages.lock.json',
    );

    expect(graph.packages.map((p) => [p.key, p.direct]).sort()).toEqual([
      ['newtonsoft.json@13.0.3', true],
      ['polly.core@8.0.0', false],
      ['polly@7.2.4', true],
      // Lib, a referenced project and so a root, depends on it directly.
      ['serilog@3.1.1', true],
    ]);
    expect(graph.edges).toContainEqual({
      from: 'root:src/Lib/Lib.csproj',
      to: 'serilog@3.1.1',
      scope: 'prod',
    });
    expect(graph.warnings.map((w) => w.code)).toEqual(['ERR_NUGET_UNRESOLVED']);
  });

  it.each([
    ['{"version": 3, "dependencies": {}}', 'ERR_LOCKFILE_VERSION', undefined],
    [
      '{"version": 1, "dependencies": {\n  "net6.0": {',
      'ERR_LOCKFILE_SYNTAX',
      2,
    ],
    ['5', 'ERR_LOCKFILE_SYNTAX', undefined],
    ['[{"version": 1}]', 'ERR_LOCKFILE_SYNTAX', undefined],
    ['{"version": 1, "dependencies": 5}', 'ERR_LOCKFILE_SYNTAX', undefined],
    ['{"version": 1, "dependencies": []}', 'ERR_LOCKFILE_SYNTAX', undefined],
    [
      '{"version": 2, "dependencies": {"net8.0": "x"}}',
      'ERR_LOCKFILE_SYNTAX',
      undefined,
    ],
  ])('refuses %s', async (text, code, line) => {
    const failure = packagesLockExtractor.extract({
      path: 'packages.lock.json',
      text,
      repository: repositoryAt(path.join(FIXTURES, 'doctype')),
    });

    await expect(failure).rejects.toMatchObject({
      code,
      line,
      file: 'packages.lock.json',
    });
  });
});
