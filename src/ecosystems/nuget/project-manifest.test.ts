import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { repositoryAt } from '../../test-support/shared.js';
import { projectFileExtractor } from './project-manifest.js';
import { pinnedVersion } from './versions.js';

const FIXTURES = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '__fixtures__',
);

async function extract(dir: string, file: string) {
  const repository = repositoryAt(dir);
  const text = (await repository.readText(file)) as string;
  return projectFileExtractor.extract({ path: file, text, repository });
}

describe('project file without a lockfile', () => {
  // Expected values worked out by hand from the central/ fixture files.
  it.each([
    ['newtonsoft.json', '13.0.3', '13.0.3'], // central PackageVersion
    ['serilog', null, '[3.0.0, 4.0.0)'], // central range
    ['polly', '7.2.4', '7.2.4'], // VersionOverride
    ['xunit', '2.6.6', '2.6.6'], // $(XunitVersion) from Directory.Build.props
    ['dapper', null, '2.1.*'], // child <Version> element, floating
    ['stylecop.analyzers', '1.1.118', '1.1.118'], // Update over Build.props
  ])('%s is %s (declared %s)', async (name, version, declared) => {
    const graph = await extract(
      path.join(FIXTURES, 'central'),
      'src/App/App.csproj',
    );

    const found = graph.packages.filter((p) => p.name === name);

    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ version, declared });
  });

  it('makes a ProjectReference a root to root edge and reads props files', async () => {
    const graph = await extract(
      path.join(FIXTURES, 'central'),
      'src/App/App.csproj',
    );

    expect(graph.edges).toContainEqual({
      from: 'root:src/App/App.csproj',
      to: 'root:src/Lib/Lib.csproj',
      scope: 'prod',
    });
    expect(graph.files).toEqual([
      'src/App/App.csproj',
      'Directory.Build.props',
      'Directory.Packages.props',
    ]);
  });

  it.each([
    ['doctype', 'Bomb.csproj', 'ERR_XML_DOCTYPE', 2],
    ['truncated-xml', 'Cut.csproj', 'ERR_MANIFEST_SYNTAX', 4],
  ])('refuses %s', async (dir, file, code, line) => {
    const failure = extract(path.join(FIXTURES, dir), file);

    await expect(failure).rejects.toMatchObject({ code, file, line });
  });
});

describe('pinnedVersion', () => {
  it.each([
    ['1.2.3', '1.2.3'],
    ['1.0', '1.0'],
    ['[1.2.3]', '1.2.3'],
    ['[1.2.3, 1.2.3]', '1.2.3'],
    ['1.2.3-beta.1', '1.2.3-beta.1'],
    ['1.*', null],
    ['[1.0,2.0)', null],
    ['(,2.0]', null],
    ['$(Missing)', null],
    [undefined, null],
  ])('%s → %s', (spec, expected) => {
    expect(pinnedVersion(spec)).toBe(expected);
  });
});
