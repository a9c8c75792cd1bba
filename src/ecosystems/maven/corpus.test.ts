import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CORPUS_DIR,
  repositoryAt,
  SHARED_DIR,
} from '../../test-support/shared.js';
import { parsePom } from './pom.js';
import { maven } from './index.js';
import { moduleFile, resolveReactor } from './reactor.js';
import { MavenRepositoryClient } from './repository-client.js';
import { formatMavenTree, treesOf } from './tree-text.js';
import { serveDirectory, type ServedDirectory } from './serve-directory.js';

const [pomExtractor] = maven.extractors;
const here = path.dirname(fileURLToPath(import.meta.url));

let server: ServedDirectory;
let temp: string;

beforeAll(async () => {
  server = await serveDirectory(path.join(SHARED_DIR, 'maven-repo'));
  temp = await mkdtemp(path.join(os.tmpdir(), 'qm-maven-corpus-'));
});

afterAll(async () => {
  await server.close();
  await rm(temp, { recursive: true, force: true });
});

/** Independent count: modules reachable by <modules>, read with a regex walk. */
async function countModules(
  repository: ReturnType<typeof repositoryAt>,
): Promise<number> {
  const queue = ['pom.xml'];
  const seen = new Set(queue);
  for (let i = 0; i < queue.length; i++) {
    const text = await repository.readText(queue[i] as string);
    if (!text) continue;
    const pom = parsePom(text, queue[i] as string);
    const names = [
      ...pom.modules,
      ...pom.profiles
        .filter((p) => p.activeByDefault)
        .flatMap((p) => p.modules),
    ];
    for (const name of names) {
      const file = moduleFile(queue[i] as string, name);
      if (file && !seen.has(file) && repository.paths.includes(file)) {
        seen.add(file);
        queue.push(file);
      }
    }
  }
  return queue.length;
}

describe('real reactors of the corpus', () => {
  it.each([
    'apache-dubbo',
    'dependency-track',
    'dependency-check',
    'maven-enforcer',
  ])(
    '%s extracts without throwing',
    async (name) => {
      const repository = repositoryAt(path.join(CORPUS_DIR, name));
      const text = (await repository.readText('pom.xml')) as string;
      const modules = await countModules(repository);

      const graph = await pomExtractor!.extract({
        path: 'pom.xml',
        text,
        repository,
        settings: {
          maven: {
            repositories: [{ id: 'shared', url: server.url }],
            cacheDir: path.join(temp, name),
            localRepository: path.join(os.homedir(), '.m2', 'repository'),
          },
        },
      });

      const failed = graph.warnings.filter((w) =>
        w.code.startsWith('ERR_'),
      ).length;
      expect(graph.roots.length + failed).toBe(modules);
      expect(graph.packages.length).toBeGreaterThan(0);
    },
    120_000,
  );
});

describe('real reactor trees equal Maven 3.8.7 where Maven could resolve them', () => {
  it('maven-enforcer', async () => {
    const file = path.join(
      here,
      '__fixtures__/corpus-trees/maven-enforcer.txt',
    );
    const expected = treesOf(await readFile(file, 'utf8'));
    const client = new MavenRepositoryClient({
      repositories: [{ id: 'shared', url: server.url }],
      cacheDir: path.join(temp, 'trees'),
      localRepository: path.join(os.homedir(), '.m2', 'repository'),
      offline: false,
    });

    const reactor = await resolveReactor({
      rootFile: 'pom.xml',
      repository: repositoryAt(path.join(CORPUS_DIR, 'maven-enforcer')),
      client,
    });

    const ours = new Map(
      reactor.modules.map((m) => {
        const text = formatMavenTree(m.resolution.root);
        return [text.split('\n')[0], text];
      }),
    );
    for (const tree of expected) {
      expect(ours.get(tree.split('\n')[0])).toBe(tree);
    }
    expect(expected.length).toBe(3);
  }, 120_000);
});
