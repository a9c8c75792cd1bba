import { z } from 'zod';
import { InputError } from '../core/errors.js';
import type { DependencyGraph } from '../core/model.js';
import { objectOf, parseJsonFile } from '../ecosystems/composer/json.js';
import { checkField } from '../ecosystems/lockfile-shape.js';
import type { ExtractionRequest, Extractor } from '../ecosystems/types.js';
import type {
  SpdxDocument,
  SpdxPackage,
  SpdxRelationship,
} from './spdx-document.js';
import { buildSpdxGraph } from './spdx-graph.js';

// Lenient: only the fields read are typed, bad entries are dropped.
const ExternalRef = z.looseObject({
  referenceType: z.string().optional(),
  referenceLocator: z.string().optional(),
});
const Package = z.looseObject({
  SPDXID: z.string(),
  name: z.string().optional(),
  versionInfo: z.string().optional(),
  externalRefs: z.array(z.unknown()).optional(),
});
const Relationship = z.looseObject({
  spdxElementId: z.string(),
  relationshipType: z.string(),
  relatedSpdxElement: z.string(),
});
// Only spdxVersion can fail here: the structural fields are checked first
// (checkField), so the message can say which one is wrong.
const Document = z.looseObject({
  spdxVersion: z.string().startsWith('SPDX-2.'),
  SPDXID: z.unknown().optional(),
  documentDescribes: z.array(z.unknown()).optional(),
  packages: z.array(z.unknown()).optional(),
  relationships: z.array(z.unknown()).optional(),
});
const FIELDS = ['documentDescribes', 'packages', 'relationships'] as const;

function purlOf(refs: readonly unknown[]): string | undefined {
  for (const raw of refs) {
    const ref = ExternalRef.safeParse(raw);
    if (ref.success && ref.data.referenceType === 'purl')
      return ref.data.referenceLocator;
  }
  return undefined;
}

function readPackages(list: readonly unknown[]): SpdxPackage[] {
  return list.flatMap((raw) => {
    const parsed = Package.safeParse(raw);
    if (!parsed.success) return [];
    const p = parsed.data;
    return [
      {
        id: p.SPDXID,
        name: p.name,
        version: p.versionInfo,
        purl: purlOf(p.externalRefs ?? []),
      },
    ];
  });
}

function readRelationships(list: readonly unknown[]): SpdxRelationship[] {
  return list.flatMap((raw) => {
    const parsed = Relationship.safeParse(raw);
    if (!parsed.success) return [];
    const r = parsed.data;
    return [
      {
        from: r.spdxElementId,
        type: r.relationshipType,
        to: r.relatedSpdxElement,
      },
    ];
  });
}

/** Reads an SPDX 2.2/2.3 JSON document. Throws InputError ERR_SBOM_FORMAT. */
export function parseSpdxJson(text: string, file: string): SpdxDocument {
  const json = parseJsonFile(text, file, 'ERR_SBOM_SYNTAX');
  const parsed = Document.safeParse(json);
  if (!parsed.success) {
    checkStructure(json, file);
    throw new InputError(
      'ERR_SBOM_FORMAT',
      `${file} is not an SPDX 2.x JSON document (no "spdxVersion": "SPDX-2.x"); ` +
        'export it again with an SPDX 2.2 or 2.3 tool',
      { file },
    );
  }
  const doc = parsed.data;
  return {
    spdxVersion: doc.spdxVersion,
    documentId:
      typeof doc.SPDXID === 'string' ? doc.SPDXID : 'SPDXRef-DOCUMENT',
    describes: (doc.documentDescribes ?? []).filter(
      (id): id is string => typeof id === 'string',
    ),
    packages: readPackages(doc.packages ?? []),
    relationships: readRelationships(doc.relationships ?? []),
  };
}

/** Throws for an SPDX 2.x document whose `packages` (say) is no array. */
function checkStructure(json: unknown, file: string): void {
  const version = objectOf(json).spdxVersion;
  if (typeof version !== 'string' || !version.startsWith('SPDX-2.')) return;
  const shape = {
    file,
    fix: 'export it again with an SPDX 2.2 or 2.3 tool',
    code: 'ERR_SBOM_FORMAT',
  };
  for (const field of FIELDS) {
    const value = objectOf(json)[field];
    if (value !== undefined)
      checkField(value, [field], { expected: 'array', shape });
  }
}

export async function extractSpdxJson(
  request: ExtractionRequest,
): Promise<DependencyGraph> {
  return buildSpdxGraph(
    parseSpdxJson(request.text, request.path),
    request.path,
  );
}

export const spdxJsonExtractor: Extractor = {
  id: 'sbom-spdx-json',
  ecosystem: null,
  kind: 'sbom',
  matches: (path) => path.endsWith('.spdx.json'),
  extract: extractSpdxJson,
};
