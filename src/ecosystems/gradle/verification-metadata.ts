import { XMLParser } from 'fast-xml-parser';
import { InputError } from '../../core/errors.js';
import type { DependencyGraph } from '../../core/model.js';
import type { ExtractionRequest } from '../types.js';
import { baseName, folderOf, GraphBuilder } from '../graph-builder.js';
import { projectName } from './gradle-project.js';
import { isVersionCatalog } from './libs-versions-toml.js';

/** True for `gradle/verification-metadata.xml`. */
export function isVerificationMetadata(path: string): boolean {
  return (
    baseName(path) === 'verification-metadata.xml' &&
    baseName(folderOf(path)) === 'gradle'
  );
}

// No DTD, no entity expansion: the file is hostile until proven otherwise.
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  processEntities: false,
  htmlEntities: false,
  ignoreDeclaration: true,
  isArray: (name) => name === 'component',
});

interface Component {
  group?: unknown;
  name?: unknown;
  version?: unknown;
}

/**
 * Reads Gradle's dependency verification metadata: the components the
 * build downloaded (plugins and tooling included), with no scopes and no
 * edges, so each hangs off the build as prod. The build scripts, settings
 * and catalogs below are consumed with it: they add nothing it lacks.
 */
export async function extractVerificationMetadata(
  request: ExtractionRequest,
): Promise<DependencyGraph> {
  const { path: file, text, repository } = request;
  const components = parseComponents(text, file);
  const builder = new GraphBuilder('Maven');
  builder.addFile(file);
  const folder = folderOf(folderOf(file));
  const prefix = folder ? `${folder}/` : '';
  for (const path of repository.paths) {
    if (path.startsWith(prefix) && isBuildFile(path)) builder.addFile(path);
  }
  const root = builder.addRoot({
    key: `root:${folder}`,
    name: await projectName(repository, folder),
    path: folder,
    file,
  });

  const lines = componentLines(text);
  components.forEach((component, index) => {
    const line = lines[index];
    const { group, name, version } = component;
    if (
      typeof group !== 'string' ||
      typeof name !== 'string' ||
      typeof version !== 'string'
    ) {
      builder.warn(
        file,
        'GRADLE_COMPONENT_INVALID',
        'a <component> lacks group, name or version; it is skipped',
        line,
      );
      return;
    }
    const key = builder.addPackage({
      name: `${group}:${name}`,
      version,
      file,
      line,
    });
    builder.addEdge(root.key, key);
  });
  return builder.graph;
}

function isBuildFile(path: string): boolean {
  const name = baseName(path);
  return (
    /^(build|settings)\.gradle(\.kts)?$/.test(name) || isVersionCatalog(path)
  );
}

function parseComponents(text: string, file: string): Component[] {
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) {
    throw new InputError(
      'ERR_XML_DOCTYPE',
      `${file} declares a DOCTYPE or entities, which Gradle never writes; it is refused as unsafe. Regenerate it with gradle --write-verification-metadata`,
      { file },
    );
  }
  let document: Record<string, unknown>;
  try {
    document = parser.parse(text, true) as Record<string, unknown>;
  } catch (error) {
    const line = /Line (\d+)/i.exec(String((error as Error).message))?.[1];
    throw new InputError(
      'ERR_XML_SYNTAX',
      `${file} is not well-formed XML (${(error as Error).message}); regenerate it with gradle --write-verification-metadata`,
      { file, line: line ? Number(line) : undefined, cause: error },
    );
  }
  const root = document['verification-metadata'] as
    Record<string, unknown> | undefined;
  const components = (root?.components as Record<string, unknown> | undefined)
    ?.component;
  return Array.isArray(components) ? (components as Component[]) : [];
}

/** Line of each `<component ` tag, in order, by a plain scan. */
function componentLines(text: string): number[] {
  const lines: number[] = [];
  text.split('\n').forEach((line, index) => {
    if (line.includes('<component ')) lines.push(index + 1);
  });
  return lines;
}
