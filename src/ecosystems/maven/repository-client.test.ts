import {
  mkdtemp,
  mkdir,
  readFile,
  rm,
  utimes,
  writeFile,
} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SHARED_DIR } from '../../test-support/shared.js';
import { createMavenRepositoryClient } from './create-repository-client.js';
import { MavenRepositoryClient, pomPath } from './repository-client.js';
import { serveDirectory, type ServedDirectory } from './serve-directory.js';

const REPO = path.join(SHARED_DIR, 'maven-repo');
const SLF4J = ['org.slf4j', 'slf4j-api', '1.7.36'] as const;

let temp: string;
let served: ServedDirectory[];

beforeEach(async () => {
  temp = await mkdtemp(path.join(os.tmpdir(), 'qm-maven-'));
  served = [];
});

afterEach(async () => {
  await Promise.all(served.map((s) => s.close()));
  await rm(temp, { recursive: true, force: true });
});

async function serve(
  root: string,
  failures?: { status: number; count: number },
) {
  const server = await serveDirectory(root, failures);
  served.push(server);
  return server;
}

function client(
  urls: string[],
  extra: Partial<ConstructorParameters<typeof MavenRepositoryClient>[0]> = {},
) {
  return new MavenRepositoryClient({
    repositories: urls.map((url, i) => ({ id: `r${i}`, url })),
    cacheDir: path.join(temp, 'cache'),
    offline: false,
    backoffMs: 1,
    ...extra,
  });
}

describe('MavenRepositoryClient', () => {
  it('fetches over HTTP, writes the cache and reads it back offline', async () => {
    const server = await serve(REPO);
    const expected = await readFile(path.join(REPO, pomPath(...SLF4J)), 'utf8');

    const online = await client([server.url]).fetchPom(...SLF4J);
    const offline = await client([], { offline: true }).fetchPom(...SLF4J);

    expect(online).toBe(expected);
    expect(offline).toBe(expected);
    expect(server.requests).toEqual([`/${pomPath(...SLF4J)}`]);
  });

  it('moves on to the next repository on 404', async () => {
    const empty = await serve(path.join(temp, 'nothing'));
    const full = await serve(REPO);

    const text = await client([empty.url, full.url]).fetchPom(...SLF4J);

    expect(text).toContain('<artifactId>slf4j-api</artifactId>');
    expect(empty.requests).toHaveLength(1);
  });

  it('retries 5xx answers with backoff', async () => {
    const flaky = await serve(REPO, { status: 503, count: 2 });

    const text = await client([flaky.url]).fetchPom(...SLF4J);

    expect(text).toContain('slf4j-api');
    expect(flaky.requests).toHaveLength(3);
  });

  it('throws UpstreamError when the only repository keeps failing', async () => {
    const down = await serve(REPO, { status: 500, count: 99 });

    const attempt = client([down.url]).fetchPom(...SLF4J);

    await expect(attempt).rejects.toMatchObject({
      code: 'ERR_MAVEN_REPOSITORY_UNAVAILABLE',
    });
  });

  it('answers undefined for an artifact no repository has, and for unsafe coordinates', async () => {
    const server = await serve(REPO);
    const maven = client([server.url]);

    const missing = await maven.fetchPom('org.example', 'absent', '1');
    const unsafe = await maven.fetchPom('..', '..', '../../etc/passwd');

    expect(missing).toBeUndefined();
    expect(unsafe).toBeUndefined();
    expect(server.requests).toHaveLength(1);
  });

  it('reads the local repository first and does not fetch', async () => {
    const server = await serve(REPO);
    const local = path.join(temp, 'm2');
    const file = path.join(local, pomPath('org.example', 'local', '1'));
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, '<project/>');

    const text = await client([server.url], {
      localRepository: local,
    }).fetchPom('org.example', 'local', '1');

    expect(text).toBe('<project/>');
    expect(server.requests).toEqual([]);
  });

  it('lists versions from maven-metadata.xml', async () => {
    const server = await serve(REPO);
    const metadata = await readFile(
      path.join(REPO, 'org/slf4j/slf4j-api/maven-metadata.xml'),
      'utf8',
    );
    const expected = [...metadata.matchAll(/<version>([^<]+)</g)]
      .map((m) => m[1])
      .sort();

    const versions = await client([server.url]).listVersions(
      'org.slf4j',
      'slf4j-api',
    );

    expect(versions.sort()).toEqual(expected);
  });
});

describe('metadata in the cache', () => {
  it('is reused for a day, then fetched again', async () => {
    const server = await serve(REPO);
    const cached = path.join(
      temp,
      'cache',
      'org/slf4j/slf4j-api/maven-metadata.xml',
    );

    await client([server.url]).listVersions('org.slf4j', 'slf4j-api');
    await client([server.url]).listVersions('org.slf4j', 'slf4j-api');
    const fresh = server.requests.length;
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 3600 * 1000);
    await utimes(cached, twoDaysAgo, twoDaysAgo);
    await client([server.url]).listVersions('org.slf4j', 'slf4j-api');

    expect(fresh).toBe(1);
    expect(server.requests).toHaveLength(2);
  });
});

describe('files no repository has', () => {
  const ABSENT = ['org.example', 'absent', '1'] as const;

  it('are asked for once per client and remembered across clients', async () => {
    const server = await serve(REPO);
    const maven = client([server.url]);

    await maven.fetchPom(...ABSENT);
    await maven.fetchPom(...ABSENT);
    await client([server.url]).fetchPom(...ABSENT);
    await maven.listVersions('org.example', 'absent');
    await client([server.url]).listVersions('org.example', 'absent');

    expect(server.requests).toEqual([
      `/${pomPath(...ABSENT)}`,
      '/org/example/absent/maven-metadata.xml',
    ]);
  });

  it('are asked for again once the answer is older than its maximum age', async () => {
    const server = await serve(REPO);
    const maven = client([server.url], { missingMaxAgeMs: 0 });

    await maven.fetchPom(...ABSENT);
    await maven.fetchPom(...ABSENT);

    expect(server.requests).toHaveLength(2);
  });
});

describe('createMavenRepositoryClient', () => {
  it('routes through a settings.xml mirror with its server credentials', async () => {
    const mirror = await serve(REPO);
    const settingsFile = path.join(temp, 'settings.xml');
    await writeFile(
      settingsFile,
      `<settings><mirrors><mirror><id>corp</id><mirrorOf>*</mirrorOf><url>${mirror.url}</url></mirror></mirrors>
       <servers><server><id>corp</id><username>u</username><password>p</password></server></servers></settings>`,
    );
    const maven = await createMavenRepositoryClient(
      {
        repositories: [{ id: 'elsewhere', url: 'http://127.0.0.1:9/none' }],
        cacheDir: path.join(temp, 'c'),
        localRepository: path.join(temp, 'none'),
      },
      { settingsFile },
    );

    const text = await maven.fetchPom(...SLF4J);

    expect(text).toContain('slf4j-api');
    expect(mirror.headers[0]?.authorization).toBe(
      `Basic ${Buffer.from('u:p').toString('base64')}`,
    );
  });
});
