import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModelBuilder } from './effective-model.js';
import { parsePom } from './pom.js';
import { MavenRepositoryClient, pomPath } from './repository-client.js';

let local: string;

function bom(
  artifactId: string,
  managed: string,
  imports: string[] = [],
): string {
  const entries = managed
    .split(' ')
    .filter((m) => m !== '')
    .map((m) => {
      const [a, v] = m.split('@');
      return `<dependency><groupId>org.t</groupId><artifactId>${a}</artifactId><version>${v}</version></dependency>`;
    });
  const imported = imports.map(
    (i) =>
      `<dependency><groupId>org.t</groupId><artifactId>${i}</artifactId><version>1</version><type>pom</type><scope>import</scope></dependency>`,
  );
  return `<project><groupId>org.t</groupId><artifactId>${artifactId}</artifactId><version>1</version><packaging>pom</packaging>
    <dependencyManagement><dependencies>${[...entries, ...imported].join('')}</dependencies></dependencyManagement></project>`;
}

async function install(artifactId: string, text: string): Promise<void> {
  const file = path.join(local, pomPath('org.t', artifactId, '1'));
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, text);
}

beforeAll(async () => {
  local = await mkdtemp(path.join(os.tmpdir(), 'qm-maven-boms-'));
  await install('bom-a', bom('bom-a', 'lib@1.0'));
  await install('bom-b', bom('bom-b', 'lib@2.0', ['bom-c']));
  await install('bom-c', bom('bom-c', 'other@3.0 lib@4.0'));
  await install('bom-x', bom('bom-x', 'x@1', ['bom-y']));
  await install('bom-y', bom('bom-y', 'y@1', ['bom-x']));
});

afterAll(async () => {
  await rm(local, { recursive: true, force: true });
});

function builder(): ModelBuilder {
  const client = new MavenRepositoryClient({
    repositories: [],
    cacheDir: path.join(local, 'cache'),
    localRepository: local,
    offline: true,
  });
  return new ModelBuilder({ client });
}

function project(imports: string[], own = ''): string {
  return bom('app', own, imports).replace('<packaging>pom</packaging>', '');
}

describe('BOM imports', () => {
  it('lets the POM itself win, then the first import, recursively', async () => {
    const pom = parsePom(project(['bom-a', 'bom-b'], 'own@9'), 'pom.xml');

    const model = await builder().buildFromPom(pom, 'pom.xml');

    const versions = [...model.dependencyManagement.values()].map(
      (d) => `${d.artifactId}@${d.version}`,
    );
    expect(versions).toEqual(['own@9', 'lib@1.0', 'other@3.0']);
  });

  it('reports an import cycle instead of waiting for ever', async () => {
    const pom = parsePom(project(['bom-x']), 'pom.xml');

    const model = await builder().buildFromPom(pom, 'pom.xml');

    const versions = [...model.dependencyManagement.values()].map(
      (d) => d.artifactId,
    );
    expect(versions).toEqual(['x', 'y']);
    expect(model.problems.map((p) => p.code)).toContain('MAVEN_BOM_CYCLE');
  });

  it('reports a missing BOM and keeps going', async () => {
    const pom = parsePom(project(['bom-absent']), 'pom.xml');

    const model = await builder().buildFromPom(pom, 'pom.xml');

    expect(model.dependencyManagement.size).toBe(0);
    expect(model.problems.map((p) => p.code)).toEqual(['MAVEN_BOM_MISSING']);
  });
});
