import { InputError } from '../core/errors.js';
import { moduleLogger } from '../core/log.js';
import type { DependencyGraph } from '../core/model.js';
import {
  ATTRIBUTE,
  elementOf,
  listOf,
  parseXml,
  textOf,
} from '../ecosystems/nuget/xml.js';
import type { ExtractionRequest, Extractor } from '../ecosystems/types.js';
import {
  MAX_DEPTH,
  type CdxComponent,
  type CdxDependency,
  type CdxDocument,
} from './cyclonedx-document.js';
import { buildCycloneDxGraph } from './cyclonedx-graph.js';

const log = moduleLogger('sbom.cyclonedx');

const ARRAYS = new Set(['component', 'dependency']);

function text(element: Record<string, unknown>, name: string) {
  return textOf(element[name])?.trim() || undefined;
}

function readComponents(list: unknown, depth: number): CdxComponent[] {
  if (depth > MAX_DEPTH) return [];
  return listOf(list).map((raw) => {
    const element = elementOf(raw);
    return {
      ref: text(element, `${ATTRIBUTE}bom-ref`),
      type: text(element, `${ATTRIBUTE}type`),
      name: text(element, 'name'),
      group: text(element, 'group'),
      version: text(element, 'version'),
      purl: text(element, 'purl'),
      scope: text(element, 'scope'),
      components: readComponents(
        elementOf(element.components).component,
        depth + 1,
      ),
    };
  });
}

function readDependencies(list: unknown): CdxDependency[] {
  return listOf(list).flatMap((raw) => {
    const element = elementOf(raw);
    const ref = text(element, `${ATTRIBUTE}ref`);
    if (!ref) return [];
    const dependsOn = listOf(element.dependency)
      .map((child) => text(elementOf(child), `${ATTRIBUTE}ref`))
      .filter((r): r is string => r !== undefined);
    return [{ ref, dependsOn }];
  });
}

/** Reads a CycloneDX XML BOM into its document model (no DTD allowed). */
export function parseCycloneDxXml(xmlText: string, file: string): CdxDocument {
  const xml = parseXml(xmlText, file, {
    arrays: ARRAYS,
    code: 'ERR_SBOM_SYNTAX',
  });
  if (!('bom' in xml)) {
    throw new InputError(
      'ERR_SBOM_FORMAT',
      `${file} has no <bom> element; expected a CycloneDX XML BOM; ` +
        'export it again with a CycloneDX tool',
      { file },
    );
  }
  const bom = elementOf(xml.bom);
  const namespace = text(bom, `${ATTRIBUTE}xmlns`);
  const [root] = readComponents(elementOf(bom.metadata).component, 0);
  return {
    specVersion: namespace?.replace(/^.*\//, ''),
    root,
    components: readComponents(elementOf(bom.components).component, 0),
    invalid: 0,
    dependencies: readDependencies(elementOf(bom.dependencies).dependency),
  };
}

/** A CycloneDX XML SBOM as one service's graph. */
export async function extractCycloneDxXml(
  request: ExtractionRequest,
): Promise<DependencyGraph> {
  const document = parseCycloneDxXml(request.text, request.path);
  const graph = buildCycloneDxGraph(document, request.path);
  log.debug(
    { file: request.path, packages: graph.packages.length },
    'CycloneDX BOM read',
  );
  return graph;
}

/** `bom.xml`, `*.cdx.xml`, `*.bom.xml`. */
const NAMES = /(?:^|\/)(?:bom\.xml|[^/]+\.(?:cdx|bom)\.xml)$/;

export const cycloneDxXmlExtractor: Extractor = {
  id: 'sbom-cyclonedx-xml',
  ecosystem: null,
  kind: 'sbom',
  matches: (path) => NAMES.test(path),
  extract: extractCycloneDxXml,
};
