import { InputError } from '../core/errors.js';
import { moduleLogger } from '../core/log.js';
import type { DependencyGraph } from '../core/model.js';
import { parseJsonFile } from '../ecosystems/composer/json.js';
import type { ExtractionRequest, Extractor } from '../ecosystems/types.js';
import {
  CycloneDxJson,
  readJsonComponents,
  readJsonDependencies,
  type CdxDocument,
} from './cyclonedx-document.js';
import { buildCycloneDxGraph } from './cyclonedx-graph.js';

const log = moduleLogger('sbom.cyclonedx');

/** Reads a CycloneDX JSON BOM into its document model. */
export function parseCycloneDxJson(text: string, file: string): CdxDocument {
  const json = parseJsonFile(text, file, 'ERR_SBOM_SYNTAX');
  const parsed = CycloneDxJson.safeParse(json);
  if (!parsed.success) {
    throw new InputError(
      'ERR_SBOM_FORMAT',
      `${file} is not a CycloneDX JSON BOM (${parsed.error.issues[0]?.message ?? 'unknown shape'} ` +
        `at ${parsed.error.issues[0]?.path.join('.') || 'the top'}); expected ` +
        '"bomFormat": "CycloneDX"; export it again with a CycloneDX tool',
      { file },
    );
  }
  const bom = parsed.data;
  const counter = { invalid: 0 };
  const [root] = readJsonComponents(
    bom.metadata?.component === undefined ? [] : [bom.metadata.component],
    counter,
  );
  return {
    specVersion: bom.specVersion,
    root,
    components: readJsonComponents(bom.components ?? [], counter),
    invalid: counter.invalid,
    dependencies: readJsonDependencies(bom.dependencies ?? []),
  };
}

/** A CycloneDX JSON SBOM as one service's graph. */
export async function extractCycloneDxJson(
  request: ExtractionRequest,
): Promise<DependencyGraph> {
  const document = parseCycloneDxJson(request.text, request.path);
  const graph = buildCycloneDxGraph(document, request.path);
  log.debug(
    { file: request.path, packages: graph.packages.length },
    'CycloneDX BOM read',
  );
  return graph;
}

/** `bom.json`, `bom.<version>.json`, `*.cdx.json`, `*.bom.json`. */
const NAMES =
  /(?:^|\/)(?:bom(?:\.\d+(?:\.\d+)*)?\.json|[^/]+\.(?:cdx|bom)\.json)$/;

export const cycloneDxJsonExtractor: Extractor = {
  id: 'sbom-cyclonedx-json',
  ecosystem: null,
  kind: 'sbom',
  matches: (path) => NAMES.test(path),
  extract: extractCycloneDxJson,
};
