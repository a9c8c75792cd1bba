import { InputError } from '../../core/errors.js';
import { child, list, parseHardenedXml, text, type XmlNode } from './xml.js';

/** An `<exclusion>`; `*` is a wildcard in either part. */
export interface PomExclusion {
  groupId: string;
  artifactId: string;
}

/** One `<dependency>` as written (before interpolation). */
export interface PomDependency {
  groupId: string;
  artifactId: string;
  version?: string;
  type?: string;
  classifier?: string;
  scope?: string;
  /** The raw `<optional>` text (`true` when optional). */
  optional?: string;
  exclusions: PomExclusion[];
  /** The POM that declares it and the line of its artifactId (direct dependencies only). */
  file?: string;
  line?: number;
}

export interface PomParent {
  groupId: string;
  artifactId: string;
  version: string;
  /** As written; undefined means Maven's default `../pom.xml`. */
  relativePath?: string;
}

export interface PomRepository {
  id: string;
  url: string;
}

/** A profile: `activeByDefault` ones apply; the others only add modules. */
export interface PomProfile {
  id: string;
  activeByDefault: boolean;
  properties: Map<string, string>;
  dependencies: PomDependency[];
  dependencyManagement: PomDependency[];
  modules: string[];
}

/** What dependency resolution reads from one pom.xml, uninterpolated. */
export interface Pom {
  file: string;
  groupId?: string;
  artifactId?: string;
  version?: string;
  packaging?: string;
  parent?: PomParent;
  properties: Map<string, string>;
  dependencies: PomDependency[];
  dependencyManagement: PomDependency[];
  modules: string[];
  profiles: PomProfile[];
  repositories: PomRepository[];
}

function readExclusions(node: XmlNode): PomExclusion[] {
  return list(node, 'exclusions', 'exclusion').map((e) => ({
    groupId: text(e, 'groupId') ?? '*',
    artifactId: text(e, 'artifactId') ?? '*',
  }));
}

function readDependencies(node: XmlNode | undefined): PomDependency[] {
  const out: PomDependency[] = [];
  for (const d of list(node, 'dependencies', 'dependency')) {
    const groupId = text(d, 'groupId');
    const artifactId = text(d, 'artifactId');
    // Without coordinates Maven refuses the whole POM; we skip the entry.
    if (!groupId || !artifactId) continue;
    out.push({
      groupId,
      artifactId,
      version: text(d, 'version') || undefined,
      type: text(d, 'type') || undefined,
      classifier: text(d, 'classifier') || undefined,
      scope: text(d, 'scope') || undefined,
      optional: text(d, 'optional') || undefined,
      exclusions: readExclusions(d),
    });
  }
  return out;
}

function readProperties(node: XmlNode | undefined): Map<string, string> {
  const out = new Map<string, string>();
  const props = child(node, 'properties');
  if (!props || typeof props !== 'object') return out;
  for (const [key, value] of Object.entries(props)) {
    const first = Array.isArray(value) ? value[0] : value;
    out.set(key, typeof first === 'string' ? first : '');
  }
  return out;
}

function readModules(node: XmlNode | undefined): string[] {
  return list(node, 'modules', 'module').filter(
    (m): m is string => typeof m === 'string' && m !== '',
  );
}

function readProfile(node: XmlNode): PomProfile {
  const activation = child(node, 'activation');
  return {
    id: text(node, 'id') ?? '',
    activeByDefault: text(activation, 'activeByDefault') === 'true',
    properties: readProperties(node),
    dependencies: readDependencies(node),
    dependencyManagement: readDependencies(child(node, 'dependencyManagement')),
    modules: readModules(node),
  };
}

function readParent(node: XmlNode | undefined): PomParent | undefined {
  if (!node) return undefined;
  const groupId = text(node, 'groupId');
  const artifactId = text(node, 'artifactId');
  const version = text(node, 'version');
  if (!groupId || !artifactId || !version) return undefined;
  const relative = child(node, 'relativePath');
  return {
    groupId,
    artifactId,
    version,
    // An empty <relativePath/> means "never look on disk".
    relativePath:
      relative === undefined
        ? undefined
        : typeof relative === 'string'
          ? relative
          : '',
  };
}

function readRepositories(node: XmlNode | undefined): PomRepository[] {
  return list(node, 'repositories', 'repository').flatMap((r) => {
    const id = text(r, 'id');
    const url = text(r, 'url');
    return id && url ? [{ id, url }] : [];
  });
}

/**
 * Adds file and line to the project's own dependencies: each is looked for
 * after the dependency management section, in order, by its artifactId.
 */
function locateDependencies(
  xml: string,
  file: string,
  deps: PomDependency[],
): void {
  const managementEnd = xml.lastIndexOf('</dependencyManagement>');
  let cursor = managementEnd < 0 ? 0 : managementEnd;
  let line = 1;
  let counted = 0;
  for (const d of deps) {
    const at = xml.indexOf(`<artifactId>${d.artifactId}</artifactId>`, cursor);
    if (at < 0) continue;
    for (
      let i = xml.indexOf('\n', counted);
      i >= 0 && i < at;
      i = xml.indexOf('\n', i + 1)
    ) {
      line++;
      counted = i + 1;
    }
    d.file = file;
    d.line = line;
    cursor = at + 1;
  }
}

/**
 * Parses a pom.xml. Throws InputError (ERR_POM_DOCTYPE, ERR_POM_SYNTAX,
 * ERR_POM_TOO_LARGE, ERR_POM_NOT_A_PROJECT) when the file cannot be read.
 */
export function parsePom(xml: string, file: string): Pom {
  const project = parseHardenedXml(xml, file).project;
  if (!project || typeof project !== 'object') {
    throw new InputError(
      'ERR_POM_NOT_A_PROJECT',
      `${file} has no <project> root element; expected a Maven POM`,
      { file },
    );
  }
  const dependencies = readDependencies(project);
  locateDependencies(xml, file, dependencies);
  return {
    file,
    groupId: text(project, 'groupId'),
    artifactId: text(project, 'artifactId'),
    version: text(project, 'version'),
    packaging: text(project, 'packaging'),
    parent: readParent(child(project, 'parent')),
    properties: readProperties(project),
    dependencies,
    dependencyManagement: readDependencies(
      child(project, 'dependencyManagement'),
    ),
    modules: readModules(project),
    profiles: list(project, 'profiles', 'profile').map(readProfile),
    repositories: readRepositories(project),
  };
}
