import { InputError } from '../core/errors.js';
import type { DependencyGraph } from '../core/model.js';
import type { ExtractionRequest, Extractor } from '../ecosystems/types.js';
import type { SpdxDocument, SpdxPackage } from './spdx-document.js';
import { buildSpdxGraph } from './spdx-graph.js';

const PURL_REF = /^PACKAGE[-_]MANAGER\s+purl\s+(\S+)/;

interface State {
  document: SpdxDocument;
  /** The package whose fields follow, until a file or snippet starts. */
  current?: SpdxPackage;
  seenSection: boolean;
}

function readTag(state: State, tag: string, value: string, line: number) {
  const { document } = state;
  switch (tag) {
    case 'SPDXVersion':
      document.spdxVersion = value;
      break;
    case 'PackageName':
      state.current = { id: '', name: value, line };
      state.seenSection = true;
      document.packages.push(state.current);
      break;
    case 'FileName':
    case 'SnippetSPDXID':
      state.current = undefined;
      state.seenSection = true;
      break;
    case 'SPDXID':
      if (state.current && !state.current.id) state.current.id = value;
      else if (!state.seenSection) document.documentId = value;
      break;
    case 'PackageVersion':
      if (state.current) state.current.version = value;
      break;
    case 'ExternalRef': {
      const purl = PURL_REF.exec(value)?.[1];
      if (state.current && purl && !state.current.purl)
        state.current.purl = purl;
      break;
    }
    case 'Relationship': {
      const [from, type, to] = value.split(/\s+/);
      if (from && type && to) document.relationships.push({ from, type, to });
      break;
    }
  }
}

/** Reads an SPDX 2.x tag-value document. Throws InputError ERR_SBOM_FORMAT. */
export function parseSpdxTagValue(text: string, file: string): SpdxDocument {
  const state: State = {
    document: {
      spdxVersion: '',
      documentId: 'SPDXRef-DOCUMENT',
      describes: [],
      packages: [],
      relationships: [],
    },
    seenSection: false,
  };
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index += 1) {
    const raw = lines[index] ?? '';
    const colon = raw.indexOf(':');
    if (raw.startsWith('#') || colon < 0) continue;
    const tag = raw.slice(0, colon).trim();
    let value = raw.slice(colon + 1).trim();
    // <text>...</text> values may span lines; none of them matter here.
    if (value.startsWith('<text>')) {
      while (!value.includes('</text>') && index + 1 < lines.length) {
        index += 1;
        value = lines[index] ?? '';
      }
      continue;
    }
    readTag(state, tag, value, index + 1);
  }
  if (!state.document.spdxVersion.startsWith('SPDX-2.')) {
    throw new InputError(
      'ERR_SBOM_FORMAT',
      `${file} has no "SPDXVersion: SPDX-2.x" line; expected an SPDX 2.2 or 2.3 ` +
        'tag-value document (RDF and SPDX 3 are not read)',
      { file },
    );
  }
  state.document.packages = state.document.packages.filter((p) => p.id);
  return state.document;
}

export async function extractSpdxTagValue(
  request: ExtractionRequest,
): Promise<DependencyGraph> {
  return buildSpdxGraph(
    parseSpdxTagValue(request.text, request.path),
    request.path,
  );
}

export const spdxTagValueExtractor: Extractor = {
  id: 'sbom-spdx-tag-value',
  ecosystem: null,
  kind: 'sbom',
  matches: (path) => path.endsWith('.spdx') || path.endsWith('.spdx.tv'),
  extract: extractSpdxTagValue,
};
