// Schema validators for the SBOM export tests.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

function schemaDir(): string {
  const require = createRequire(import.meta.url);
  const main = require.resolve('@cyclonedx/cyclonedx-library');
  let dir = path.dirname(main);
  while (!dir.endsWith('cyclonedx-library')) dir = path.dirname(dir);
  return path.join(dir, 'res', 'schema');
}

function readSchema(name: string, id: string): object {
  const schema = JSON.parse(
    readFileSync(path.join(schemaDir(), name), 'utf8'),
  ) as Record<string, unknown>;
  // The BOM schema refers to its neighbours by their SNAPSHOT file names.
  return { ...schema, $id: id };
}

/** The official CycloneDX 1.6 schema, with the SPDX and JSF ones it uses. */
export function cycloneDx16Validator(): ValidateFunction {
  cached ??= compileCycloneDx16();
  return cached;
}

let cached: ValidateFunction | undefined;

function compileCycloneDx16(): ValidateFunction {
  const base = 'http://cyclonedx.org/schema/';
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  // ajv-formats lacks it; our BOMs hold no IRI fields, so accept any string.
  ajv.addFormat('iri-reference', true);
  ajv.addSchema(
    readSchema('spdx.SNAPSHOT.schema.json', `${base}spdx.SNAPSHOT.schema.json`),
  );
  ajv.addSchema(
    readSchema(
      'jsf-0.82.SNAPSHOT.schema.json',
      `${base}jsf-0.82.SNAPSHOT.schema.json`,
    ),
  );
  return ajv.compile(
    readSchema('bom-1.6.SNAPSHOT.schema.json', `${base}bom-1.6.schema.json`),
  );
}

/*
 * No npm package we can install ships the SPDX 2.3 JSON schema, so this is
 * the part of it our documents use, written from the SPDX 2.3 specification
 * (clauses 6, 7, 11): required fields, id syntax, enumerations, no stray
 * properties. Checked by hand against spdx-spec's schemas/spdx-schema.json
 * (SPDX 2.3.1): the same required lists at every level, every property here
 * is one it allows with the same type, our enumerations are subsets of its
 * own, and where we differ we are stricter (constant version, licence and
 * document id, creators prefixed, relationships between SPDXRef ids).
 */
const SPDX_ID = '^SPDXRef-[A-Za-z0-9.-]+$';
const SPDX_23_SUBSET = {
  type: 'object',
  additionalProperties: false,
  required: [
    'spdxVersion',
    'dataLicense',
    'SPDXID',
    'name',
    'documentNamespace',
    'creationInfo',
  ],
  properties: {
    spdxVersion: { const: 'SPDX-2.3' },
    dataLicense: { const: 'CC0-1.0' },
    SPDXID: { const: 'SPDXRef-DOCUMENT' },
    name: { type: 'string', minLength: 1 },
    documentNamespace: { type: 'string', format: 'uri', pattern: '^[^#]+$' },
    creationInfo: {
      type: 'object',
      additionalProperties: false,
      required: ['created', 'creators'],
      properties: {
        created: {
          type: 'string',
          // UTC to the second, months, days and hours in range.
          pattern:
            '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])' +
            'T([01]\\d|2[0-3]):[0-5]\\d:[0-5]\\dZ$',
        },
        creators: {
          type: 'array',
          minItems: 1,
          items: { type: 'string', pattern: '^(Tool|Organization|Person): .+' },
        },
      },
    },
    packages: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['SPDXID', 'name', 'downloadLocation'],
        properties: {
          SPDXID: { type: 'string', pattern: SPDX_ID },
          name: { type: 'string', minLength: 1 },
          versionInfo: { type: 'string' },
          downloadLocation: { type: 'string' },
          filesAnalyzed: { type: 'boolean' },
          comment: { type: 'string' },
          primaryPackagePurpose: {
            enum: [
              'APPLICATION',
              'FRAMEWORK',
              'LIBRARY',
              'CONTAINER',
              'OPERATING-SYSTEM',
              'DEVICE',
              'FIRMWARE',
              'SOURCE',
              'ARCHIVE',
              'FILE',
              'INSTALL',
              'OTHER',
            ],
          },
          externalRefs: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              required: [
                'referenceCategory',
                'referenceType',
                'referenceLocator',
              ],
              properties: {
                referenceCategory: {
                  enum: [
                    'SECURITY',
                    'PACKAGE-MANAGER',
                    'PERSISTENT-ID',
                    'OTHER',
                  ],
                },
                referenceType: { type: 'string' },
                referenceLocator: { type: 'string', pattern: '^\\S+$' },
              },
            },
          },
        },
      },
    },
    relationships: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['spdxElementId', 'relationshipType', 'relatedSpdxElement'],
        properties: {
          spdxElementId: { type: 'string', pattern: '^SPDXRef-' },
          relatedSpdxElement: { type: 'string', pattern: '^SPDXRef-' },
          relationshipType: {
            enum: [
              'DESCRIBES',
              'DESCRIBED_BY',
              'CONTAINS',
              'CONTAINED_BY',
              'DEPENDS_ON',
              'DEPENDENCY_OF',
              'DEV_DEPENDENCY_OF',
              'OPTIONAL_DEPENDENCY_OF',
              'TEST_DEPENDENCY_OF',
              'RUNTIME_DEPENDENCY_OF',
              'BUILD_DEPENDENCY_OF',
              'PROVIDED_DEPENDENCY_OF',
            ],
          },
        },
      },
    },
  },
};

/** SPDX 2.3 structure (see above) plus: every relationship names an element. */
export function spdx23Validator(): (doc: unknown) => string[] {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  const validate = ajv.compile(SPDX_23_SUBSET);
  return (doc) => {
    if (!validate(doc)) {
      return (validate.errors ?? []).map(
        (e) => `${e.instancePath} ${e.message ?? ''}`,
      );
    }
    const typed = doc as {
      packages: Array<{ SPDXID: string }>;
      relationships: Array<{ spdxElementId: string; relatedSpdxElement: string }>;
    };
    const ids = new Set(['SPDXRef-DOCUMENT']);
    const errors: string[] = [];
    for (const p of typed.packages) {
      if (ids.has(p.SPDXID)) errors.push(`duplicate SPDXID ${p.SPDXID}`);
      ids.add(p.SPDXID);
    }
    for (const r of typed.relationships) {
      for (const id of [r.spdxElementId, r.relatedSpdxElement]) {
        if (!ids.has(id)) errors.push(`relationship names unknown ${id}`);
      }
    }
    return errors;
  };
}
