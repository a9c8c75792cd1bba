import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repositoryAt, SHARED_DIR } from '../../test-support/shared.js';
import { resolveReactor } from './reactor.js';
import { MavenRepositoryClient } from './repository-client.js';
import { serveDirectory, type ServedDirectory } from './serve-directory.js';
import { formatMavenTree, treesOf } from './tree-text.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const PROJECTS = path.join(here, '__fixtures__/projects');

let server: ServedDirectory;
let cacheDir: string;

beforeAll(async () => {
  server = await serveDirectory(path.join(SHARED_DIR, 'maven-repo'));
  cacheDir = await mkdtemp(path.join(os.tmpdir(), 'qm-maven-cache-'));
});

afterAll(async () => {
  await server.close();
  await rm(cacheDir, { recursive: true, force: true });
});

/** Maven's own trees (see __fixtures__/projects/regenerate.sh), one per module. */
async function mavenTrees(project: string): Promise<string[]> {
  const file = path.join(PROJECTS, project, 'maven-tree.txt');
  return treesOf(await readFile(file, 'utf8'));
}

describe('resolution equals Maven 3.8.7 on hand-written projects', () => {
  it.each([
    'nearest-wins',
    'bom-import',
    'exclusions',
    'scopes-optional',
    'parent-reactor',
  ])('%s', async (project) => {
    const client = new MavenRepositoryClient({
      repositories: [{ id: 'shared', url: server.url }],
      cacheDir,
      localRepository: path.join(os.homedir(), '.m2', 'repository'),
      offline: false,
    });
    const expected = await mavenTrees(project);

    const reactor = await resolveReactor({
      rootFile: 'pom.xml',
      repository: repositoryAt(path.join(PROJECTS, project)),
      client,
    });

    expect(reactor.failures).toEqual([]);
    expect(
      reactor.modules.map((m) => formatMavenTree(m.resolution.root)),
    ).toEqual(expected);
  });
});
