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

/**
 * Independent count: modules reachable by <modules> (of any profile), and
 * how many of them only profiles that are not activeByDefault reach.
 */
async function countModules(
  repository: ReturnType<typeof repositoryAt>,
): Promise<{ all: number; outside: number }> {
  const queue = [{ file: 'pom.xml', outside: false }];
  const seen = new Map([['pom.xml', false]]);
  for (let i = 0; i < queue.length; i++) {
    const { file, outside } = queue[i]!;
    const text = await repository.readText(file);
    if (!text) continue;
    const pom = parsePom(text, file);
    const names = [
      ...pom.modules.map((m) => [m, outside] as const),
      ...pom.profiles.flatMap((p) =>
        p.modules.map((m) => [m, outside || !p.activeByDefault] as const),
      ),
    ];
    for (const [name, viaProfile] of names) {
      const next = moduleFile(file, name);
      if (!next || !repository.paths.includes(next)) continue;
      if (seen.get(next) === false || seen.get(next) === viaProfile) continue;
      seen.set(next, viaProfile);
      queue.push({ file: next, outside: viaProfile });
    }
  }
  const outside = [...seen.values()].filter(Boolean).length;
  return { all: seen.size, outside };
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

      const count = (prefix: string) =>
        graph.warnings.filter((w) => w.code.startsWith(prefix)).length;
      expect(graph.roots.length + count('ERR_')).toBe(modules.all);
      expect(count('MAVEN_MODULE_OUTSIDE_DEFAULT_REACTOR')).toBe(
        modules.outside,
      );
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
