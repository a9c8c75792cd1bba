import { randomUUID } from 'node:crypto';
import {
  collapseGraph,
  type SbomComponent,
  type SbomGraph,
  type SbomOptions,
} from './sbom-graph.js';

/** An SPDX 2.3 JSON document, as plain data. */
export type SpdxDocument = Record<string, unknown> & {
  spdxVersion: 'SPDX-2.3';
  packages: Array<Record<string, unknown>>;
  relationships: SpdxRelationship[];
};

export interface SpdxRelationship {
  spdxElementId: string;
  relationshipType: string;
  relatedSpdxElement: string;
}

/** Not a registry: a namespace only has to be a unique URI. */
const NAMESPACE_BASE = 'https://quartermaster.invalid/spdx';

/** Hands out SPDX ids made of [A-Za-z0-9.-], unique within the document. */
function idAllocator(): (prefix: string, text: string) => string {
  const used = new Set<string>();
  return (prefix, text) => {
    const base = `SPDXRef-${prefix}-${text.replace(/[^A-Za-z0-9.-]+/g, '-')}`;
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
    used.add(id);
    return id;
  };
}

function toPackage(c: SbomComponent, id: string): Record<string, unknown> {
  return {
    SPDXID: id,
    name: c.name,
    ...(c.version === null ? {} : { versionInfo: c.version }),
    downloadLocation: 'NOASSERTION',
    filesAnalyzed: false,
    primaryPackagePurpose: 'LIBRARY',
    externalRefs: [
      {
        referenceCategory: 'PACKAGE-MANAGER',
        referenceType: 'purl',
        referenceLocator: c.purl,
      },
    ],
  };
}

function applicationPackage(id: string, name: string, comment?: string) {
  return {
    SPDXID: id,
    name,
    downloadLocation: 'NOASSERTION',
    filesAnalyzed: false,
    primaryPackagePurpose: 'APPLICATION',
    ...(comment ? { comment } : {}),
  };
}

// A root's dev, test and optional dependencies say so; everything else,
// and every edge between packages, is a plain DEPENDS_ON.
function edge(
  from: string,
  to: string,
  scope: string | undefined,
): SpdxRelationship {
  const reversed: Record<string, string> = {
    dev: 'DEV_DEPENDENCY_OF',
    test: 'TEST_DEPENDENCY_OF',
    optional: 'OPTIONAL_DEPENDENCY_OF',
  };
  const kind = scope === undefined ? undefined : reversed[scope];
  return kind
    ? { spdxElementId: to, relationshipType: kind, relatedSpdxElement: from }
    : {
        spdxElementId: from,
        relationshipType: 'DEPENDS_ON',
        relatedSpdxElement: to,
      };
}

/** The service's graph as an SPDX 2.3 JSON document. */
export function toSpdx(graph: SbomGraph, options: SbomOptions): SpdxDocument {
  const collapsed = collapseGraph(graph);
  const { service } = graph;
  const allocate = idAllocator();
  const serviceId = allocate('Service', service.name);
  const idOf = new Map<string, string>();
  for (const c of collapsed.components) {
    idOf.set(c.purl, allocate('Package', c.purl));
  }
  const scopeOf = new Map(collapsed.components.map((c) => [c.purl, c.scope]));

  // As in CycloneDX: a single root is the service itself.
  const single = collapsed.roots.length === 1;
  const rootIds = new Map<string, string>();
  for (const r of collapsed.roots) {
    rootIds.set(r.key, single ? serviceId : allocate('Root', r.key));
  }

  const relationships: SpdxRelationship[] = [
    {
      spdxElementId: 'SPDXRef-DOCUMENT',
      relationshipType: 'DESCRIBES',
      relatedSpdxElement: serviceId,
    },
  ];
  if (!single) {
    for (const id of new Set(rootIds.values())) {
      relationships.push(edge(serviceId, id, undefined));
    }
    for (const purl of collapsed.orphanDirect) {
      relationships.push(edge(serviceId, idOf.get(purl)!, scopeOf.get(purl)));
    }
  }
  for (const [from, targets] of collapsed.dependsOn) {
    const rootId = rootIds.get(from);
    const fromId = rootId ?? idOf.get(from)!;
    for (const to of [...targets].sort()) {
      const scope = rootId ? scopeOf.get(to) : undefined;
      relationships.push(edge(fromId, idOf.get(to)!, scope));
    }
  }

  const created = (options.timestamp ?? new Date()).toISOString();
  const owner = service.owner ? `owner: ${service.owner}` : undefined;
  return {
    spdxVersion: 'SPDX-2.3',
    dataLicense: 'CC0-1.0',
    SPDXID: 'SPDXRef-DOCUMENT',
    name: `${service.namespace}/${service.name}`,
    documentNamespace:
      `${NAMESPACE_BASE}/${encodeURIComponent(service.namespace)}/` +
      `${encodeURIComponent(service.name)}/${randomUUID()}`,
    creationInfo: {
      created: created.replace(/\.\d{3}Z$/, 'Z'),
      creators: [`Tool: quartermaster-${options.toolVersion}`],
    },
    packages: [
      applicationPackage(serviceId, service.name, owner),
      ...(single
        ? []
        : collapsed.roots.map((r) =>
            applicationPackage(
              rootIds.get(r.key)!,
              r.name,
              `path: ${r.path || '.'}`,
            ),
          )),
      ...collapsed.components.map((c) => toPackage(c, idOf.get(c.purl)!)),
    ],
    relationships,
  };
}
