import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { repositoryAt, SHARED_DIR } from '../../test-support/shared.js';
import { maven } from './index.js';
import { resolveReactor } from './reactor.js';
import { MavenRepositoryClient, pomPath } from './repository-client.js';
import type { ResolvedNode } from './resolver.js';
import { serveDirectory, type ServedDirectory } from './serve-directory.js';

const REPO = path.join(SHARED_DIR, 'maven-repo');
const GROUP = 'com.acme.internal';
const MODULE_FOLDER = `/${GROUP.replaceAll('.', '/')}/`;
const ABSENT = `/${pomPath('org.example.thirdparty', 'absent-lib', '1.0')}`;
const SLF4J = `/${pomPath('org.slf4j', 'slf4j-api', '1.7.36')}`;

const dependency = (g: string, a: string, v?: string, extra = '') =>
  `<dependency><groupId>${g}</groupId><artifactId>${a}</artifactId>` +
  `${v ? `<version>${v}</version>` : ''}${extra}</dependency>`;

const project = (body: string) =>
  `<?xml version="1.0"?>\n<project><modelVersion>4.0.0</modelVersion>${body}</project>\n`;

const PARENT = `<parent><groupId>${GROUP}</groupId><artifactId>platform</artifactId><version>2.0.0</version></parent>`;

/**
 * A reactor of internal modules: api needs slf4j and a library no
 * repository has; core needs api and that library; app imports the
 * reactor's BOM and needs core, api (by a range) and the library again.
 */
const REACTOR: Record<string, string> = {
  'pom.xml': project(
    `<groupId>${GROUP}</groupId><artifactId>platform</artifactId><version>2.0.0</version>` +
      '<packaging>pom</packaging><modules><module>bom</module><module>api</module>' +
      '<module>core</module><module>app</module></modules>',
  ),
  'bom/pom.xml': project(
    `<groupId>${GROUP}</groupId><artifactId>bom</artifactId><version>2.0.0</version>` +
      '<packaging>pom</packaging><dependencyManagement><dependencies>' +
      dependency('org.example.thirdparty', 'absent-lib', '1.0') +
      '</dependencies></dependencyManagement>',
  ),
  'api/pom.xml': project(
    `${PARENT}<artifactId>api</artifactId><dependencies>` +
      dependency('org.slf4j', 'slf4j-api', '1.7.36') +
      dependency('org.example.thirdparty', 'absent-lib', '1.0') +
      '</dependencies>',
  ),
  'core/pom.xml': project(
    `${PARENT}<artifactId>core</artifactId><dependencies>` +
      dependency('${project.groupId}', 'api', '${project.version}') +
      dependency('org.example.thirdparty', 'absent-lib', '1.0') +
      '</dependencies>',
  ),
  'app/pom.xml': project(
    `${PARENT}<artifactId>app</artifactId>` +
      '<dependencyManagement><dependencies>' +
      dependency(
        GROUP,
        'bom',
        '2.0.0',
        '<type>pom</type><scope>import</scope>',
      ) +
      '</dependencies></dependencyManagement><dependencies>' +
      dependency(GROUP, 'core', '2.0.0') +
      dependency(GROUP, 'api', '[1.0,3.0)') +
      dependency('org.example.thirdparty', 'absent-lib') +
      '</dependencies>',
  ),
};

let temp: string;
let reactorDir: string;
let servers: ServedDirectory[];

beforeEach(async () => {
  temp = await mkdtemp(path.join(os.tmpdir(), 'qm-maven-requests-'));
  reactorDir = path.join(temp, 'reactor');
  servers = [];
  for (const [file, text] of Object.entries(REACTOR)) {
    const target = path.join(reactorDir, file);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, text);
  }
});

afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  await rm(temp, { recursive: true, force: true });
});

async function serve(): Promise<ServedDirectory> {
  const server = await serveDirectory(REPO);
  servers.push(server);
  return server;
}

/** One scan: a fresh client over the given repositories and the shared cache. */
function scanWith(urls: string[]) {
  const client = new MavenRepositoryClient({
    repositories: urls.map((url, i) => ({ id: `r${i}`, url })),
    cacheDir: path.join(temp, 'cache'),
    localRepository: path.join(temp, 'no-local-repository'),
    offline: false,
  });
  return resolveReactor({
    rootFile: 'pom.xml',
    repository: repositoryAt(reactorDir),
    client,
  });
}

function countOf(requests: string[], target: string): number {
  return requests.filter((r) => r === target).length;
}

function names(node: ResolvedNode): string[] {
  return node.children.flatMap((c) => [
    `${c.artifactId}@${c.version}`,
    ...names(c),
  ]);
}

describe('requests a reactor scan makes', () => {
  it('asks no repository for a module, and for a missing POM once', async () => {
    const server = await serve();

    const reactor = await scanWith([server.url]);

    expect(reactor.failures).toEqual([]);
    expect(server.requests.filter((r) => r.startsWith(MODULE_FOLDER))).toEqual(
      [],
    );
    expect(countOf(server.requests, ABSENT)).toBe(1);
    expect(countOf(server.requests, SLF4J)).toBe(1);
    expect(new Set(server.requests).size).toBe(server.requests.length);
    const modules = reactor.modules.filter((m) => m.resolution.problems.length);
    expect(modules.map((m) => m.model.artifactId).sort()).toEqual([
      'api',
      'app',
      'core',
    ]);
  });

  it('resolves modules from the reactor model, ranges included', async () => {
    const server = await serve();

    const reactor = await scanWith([server.url]);

    const app = reactor.modules.find((m) => m.model.artifactId === 'app');
    // core's and api's own dependencies come from their reactor POMs.
    expect(names(app!.resolution.root)).toEqual(
      expect.arrayContaining([
        'core@2.0.0',
        'api@2.0.0',
        'slf4j-api@1.7.36',
        'absent-lib@1.0',
      ]),
    );
    expect(server.requests.some((r) => r.endsWith('maven-metadata.xml'))).toBe(
      false,
    );
  });

  it('remembers a missing POM on disk for the next scan, then asks again', async () => {
    const server = await serve();
    await scanWith([server.url]);
    const first = server.requests.length;

    const second = await scanWith([server.url]);
    const afterSecond = server.requests.length;
    const marker = path.join(temp, 'cache', `${ABSENT}.missing`);
    const twoHoursAgo = new Date(Date.now() - 2 * 3600 * 1000);
    await utimes(marker, twoHoursAgo, twoHoursAgo);
    await scanWith([server.url]);

    expect(afterSecond).toBe(first);
    const app = second.modules.find((m) => m.model.artifactId === 'app');
    expect(app!.resolution.problems.map((p) => p.code)).toContain(
      'MAVEN_POM_MISSING',
    );
    expect(server.requests.slice(afterSecond)).toEqual([ABSENT]);
  });

  it('asks again when the repositories changed since the marker', async () => {
    const server = await serve();
    const other = await serve();
    await scanWith([server.url]);

    await scanWith([server.url, other.url]);

    expect(countOf(server.requests, ABSENT)).toBe(2);
    expect(other.requests).toEqual([ABSENT]);
  });
});

describe('the maven-pom extractor', () => {
  it('never requests the reactor modules it resolves', async () => {
    const server = await serve();
    const repository = repositoryAt(reactorDir);
    const settings = {
      maven: {
        repositories: [{ id: 'shared', url: server.url }],
        cacheDir: path.join(temp, 'extractor-cache'),
        localRepository: path.join(temp, 'no-local-repository'),
      },
    };

    const graph = await maven.extractors[0]!.extract({
      path: 'pom.xml',
      text: REACTOR['pom.xml']!,
      repository,
      settings,
    });

    expect(graph.roots).toHaveLength(5);
    expect(graph.edges.some((e) => e.to.startsWith('maven-module:'))).toBe(
      true,
    );
    expect(server.requests.filter((r) => r.startsWith(MODULE_FOLDER))).toEqual(
      [],
    );
    expect(countOf(server.requests, ABSENT)).toBe(1);
  });
});
