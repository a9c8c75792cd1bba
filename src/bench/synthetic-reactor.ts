/**
 * Writes a synthetic Maven reactor for the benchmark: a parent POM listing
 * every module, managing their versions and those of real third-party
 * artifacts (two imported BOMs included), and modules in layers, each
 * depending on two modules of the layer below and on libraries whose POM
 * closure is in ../shared/maven-repo.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const SYNTHETIC_GROUP = 'org.example.qm';
const VERSION = '1.0.0';

interface Library {
  groupId: string;
  artifactId: string;
  /** Absent when an imported BOM manages it. */
  version?: string;
  /** Scope set by the parent's dependencyManagement. */
  managedScope?: string;
  /** `group:artifact` exclusions written on the module's declaration. */
  exclusions?: string[];
}

function library(
  coordinates: string,
  extra: Omit<Library, 'groupId' | 'artifactId' | 'version'> = {},
): Library {
  const [groupId, artifactId, version] = coordinates.split(':');
  return { groupId: groupId!, artifactId: artifactId!, version, ...extra };
}

/** BOMs the parent imports: their versions reach the modules. */
const BOMS: Library[] = [
  library('com.fasterxml.jackson:jackson-bom:2.17.2'),
  library('org.slf4j:slf4j-bom:2.0.16'),
  library('org.junit:junit-bom:6.1.3'),
];

/**
 * What modules depend on (a fixed pick per module). Each resolves in
 * ../shared/maven-repo without a missing POM; versions absent here come
 * from the BOMs.
 */
const LIBRARIES: Library[] = [
  library('com.fasterxml.jackson.core:jackson-databind'),
  library('org.apache.commons:commons-text:1.10.0'),
  library('org.apache.httpcomponents:httpclient:4.5.13'),
  library('com.google.guava:guava:33.0.0-jre', {
    exclusions: ['com.google.errorprone:*'],
  }),
  library('org.slf4j:slf4j-api'),
  library('commons-io:commons-io:2.16.1'),
  library('com.fasterxml.jackson.datatype:jackson-datatype-jdk8'),
  library('com.github.ben-manes.caffeine:caffeine:3.1.8'),
  library('com.google.code.gson:gson:2.11.0'),
  library('org.apache.commons:commons-compress:1.26.2', {
    managedScope: 'runtime',
  }),
  library('org.yaml:snakeyaml:2.2'),
  library('com.fasterxml.jackson.module:jackson-module-parameter-names'),
  library('com.fasterxml.jackson.dataformat:jackson-dataformat-yaml'),
  library('com.squareup.okhttp3:okhttp:4.12.0'),
  library('io.opentelemetry:opentelemetry-sdk:1.66.0'),
  library('org.apache.httpcomponents.client5:httpclient5:5.1.3'),
  library('org.eclipse.jgit:org.eclipse.jgit:7.4.0.202509020913-r'),
  library('org.apache.velocity:velocity-engine-core:2.4.1'),
  library('com.zaxxer:HikariCP:5.1.0'),
  library('org.jsoup:jsoup:1.16.1'),
  library('info.picocli:picocli:4.7.7'),
  library('org.bouncycastle:bcprov-jdk18on:1.78.1'),
  library('com.h2database:h2:2.3.232', { managedScope: 'runtime' }),
  library('org.ow2.asm:asm-commons:9.9'),
  library('com.nimbusds:nimbus-jose-jwt:10.5'),
  library('org.slf4j:jul-to-slf4j'),
  library('io.netty:netty-resolver:4.1.118.Final'),
  library('org.apache.commons:commons-collections4:4.5.0'),
  library('org.xerial.snappy:snappy-java:1.1.10.5'),
];

/** Managed only: overrides versions and scopes below the modules. */
const OVERRIDES: Library[] = [
  library('org.apache.commons:commons-lang3:3.17.0'),
  library('org.apache.httpcomponents:httpcore:4.4.16', {
    managedScope: 'runtime',
  }),
];

/** Test libraries: JUnit 5 (from junit-bom) everywhere, JUnit 4 in some. */
const JUPITER = library('org.junit.jupiter:junit-jupiter');
const JUNIT4 = library('junit:junit:4.13.2');
const TEST_LIBRARIES = [JUPITER, JUNIT4];

export interface SyntheticModule {
  artifactId: string;
  /** Repository-relative pom.xml. */
  file: string;
  layer: number;
  /** artifactIds of the reactor modules it depends on. */
  modules: string[];
  /** `group:artifact` of the libraries it declares, compile scope. */
  libraries: string[];
  /** `group:artifact` of the libraries it declares in test scope. */
  testLibraries: string[];
}

export interface SyntheticReactor {
  root: string;
  /** Repository-relative paths of every POM written, the parent first. */
  files: string[];
  modules: SyntheticModule[];
}

export interface WriteSyntheticReactorOptions {
  root: string;
  modules: number;
  /** Modules per layer; default 20. */
  layerWidth?: number;
}

function moduleName(index: number): string {
  return `bench-m${String(index).padStart(3, '0')}`;
}

function keyOf(l: Library): string {
  return `${l.groupId}:${l.artifactId}`;
}

function xmlDependency(fields: Array<[string, string | undefined]>): string {
  const lines = fields
    .filter(([, value]) => value !== undefined)
    .map(([tag, value]) => `<${tag}>${value}</${tag}>`);
  return ['<dependency>', ...lines.map((l) => `  ${l}`), '</dependency>']
    .map((l) => `      ${l}`)
    .join('\n');
}

/** An entry of the parent's dependencyManagement. */
function managedXml(l: Library, kind?: 'import'): string {
  return xmlDependency([
    ['groupId', l.groupId],
    ['artifactId', l.artifactId],
    ['version', l.version],
    ['type', kind && 'pom'],
    ['scope', kind ?? l.managedScope],
  ]);
}

/** A module's declaration: no version, management supplies it. */
function declaredXml(l: Library, scope?: string): string {
  const exclusions = (l.exclusions ?? []).map((e) => {
    const [groupId, artifactId] = e.split(':');
    return `<exclusion><groupId>${groupId}</groupId><artifactId>${artifactId}</artifactId></exclusion>`;
  });
  return xmlDependency([
    ['groupId', l.groupId],
    ['artifactId', l.artifactId],
    ['scope', scope],
    ['exclusions', exclusions.length ? exclusions.join('') : undefined],
  ]);
}

/** Which modules and libraries each module declares, by a fixed rule. */
function planModules(count: number, width: number): SyntheticModule[] {
  const out: SyntheticModule[] = [];
  const n = LIBRARIES.length;
  for (let i = 0; i < count; i++) {
    const layer = Math.floor(i / width);
    const position = i % width;
    const below = layer === 0 ? [] : [position, (position + 7) % width];
    const modules = [...new Set(below.map((p) => (layer - 1) * width + p))]
      .filter((m) => m < count)
      .map(moduleName);
    const picks = new Set([i % n, (i * 5 + 3) % n, (i * 11 + 7) % n]);
    out.push({
      artifactId: moduleName(i),
      file: `${moduleName(i)}/pom.xml`,
      layer,
      modules,
      libraries: [...picks].map((p) => keyOf(LIBRARIES[p] as Library)),
      testLibraries: (i % 3 === 0 ? TEST_LIBRARIES : [JUPITER]).map(keyOf),
    });
  }
  return out;
}

function libraryOf(key: string): Library {
  const found = [...LIBRARIES, ...TEST_LIBRARIES].find((l) => keyOf(l) === key);
  if (!found) throw new Error(`unknown library ${key}`);
  return found;
}

function parentPom(modules: SyntheticModule[]): string {
  const managed = [
    ...modules.map((m) =>
      managedXml({
        groupId: '${project.groupId}',
        artifactId: m.artifactId,
        version: '${project.version}',
      }),
    ),
    ...[...LIBRARIES, ...OVERRIDES, ...TEST_LIBRARIES]
      .filter((l) => l.version !== undefined)
      .map((l) => managedXml(l)),
    ...BOMS.map((b) => managedXml(b, 'import')),
  ];
  return `<?xml version="1.0" encoding="UTF-8"?>
<project>
  <modelVersion>4.0.0</modelVersion>
  <groupId>${SYNTHETIC_GROUP}</groupId>
  <artifactId>bench-reactor</artifactId>
  <version>${VERSION}</version>
  <packaging>pom</packaging>
  <modules>
${modules.map((m) => `    <module>${m.artifactId}</module>`).join('\n')}
  </modules>
  <dependencyManagement>
    <dependencies>
${managed.join('\n')}
    </dependencies>
  </dependencyManagement>
</project>
`;
}

function modulePom(module: SyntheticModule): string {
  const dependencies = [
    ...module.modules.map((artifactId) =>
      declaredXml({ groupId: '${project.groupId}', artifactId }),
    ),
    ...module.libraries.map((key) => declaredXml(libraryOf(key))),
    ...module.testLibraries.map((key) => declaredXml(libraryOf(key), 'test')),
  ];
  return `<?xml version="1.0" encoding="UTF-8"?>
<project>
  <modelVersion>4.0.0</modelVersion>
  <parent>
    <groupId>${SYNTHETIC_GROUP}</groupId>
    <artifactId>bench-reactor</artifactId>
    <version>${VERSION}</version>
  </parent>
  <artifactId>${module.artifactId}</artifactId>
  <dependencies>
${dependencies.join('\n')}
  </dependencies>
</project>
`;
}

/** Writes the reactor under `root` (which should be empty) and describes it. */
export function writeSyntheticReactor(
  options: WriteSyntheticReactorOptions,
): SyntheticReactor {
  const modules = planModules(options.modules, options.layerWidth ?? 20);
  mkdirSync(options.root, { recursive: true });
  writeFileSync(path.join(options.root, 'pom.xml'), parentPom(modules));
  for (const module of modules) {
    mkdirSync(path.join(options.root, module.artifactId), { recursive: true });
    writeFileSync(path.join(options.root, module.file), modulePom(module));
  }
  return {
    root: options.root,
    files: ['pom.xml', ...modules.map((m) => m.file)],
    modules,
  };
}
