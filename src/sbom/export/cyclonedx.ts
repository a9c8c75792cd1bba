import { randomUUID } from 'node:crypto';
import {
  collapseGraph,
  isExcludedScope,
  type CollapsedGraph,
  type SbomComponent,
  type SbomGraph,
  type SbomOptions,
} from './sbom-graph.js';

/** A CycloneDX 1.6 JSON document, as plain data. */
export type CycloneDxBom = Record<string, unknown> & {
  bomFormat: 'CycloneDX';
  specVersion: '1.6';
  components: Array<Record<string, unknown>>;
  dependencies: Array<{ ref: string; dependsOn: string[] }>;
};

function componentScope(scope: string): 'required' | 'optional' | 'excluded' {
  if (isExcludedScope(scope)) return 'excluded';
  return scope === 'optional' ? 'optional' : 'required';
}

// CycloneDX names Maven and npm packages by group and name.
function groupAndName(c: SbomComponent): { group?: string; name: string } {
  if (c.ecosystem === 'Maven') {
    const colon = c.name.indexOf(':');
    if (colon > 0) {
      return { group: c.name.slice(0, colon), name: c.name.slice(colon + 1) };
    }
  }
  if (c.ecosystem === 'npm' && c.name.startsWith('@')) {
    const slash = c.name.indexOf('/');
    if (slash > 0) {
      return { group: c.name.slice(0, slash), name: c.name.slice(slash + 1) };
    }
  }
  return { name: c.name };
}

function toComponent(c: SbomComponent): Record<string, unknown> {
  return {
    type: 'library',
    'bom-ref': c.purl,
    ...groupAndName(c),
    ...(c.version === null ? {} : { version: c.version }),
    scope: componentScope(c.scope),
    purl: c.purl,
  };
}

function rootRef(key: string): string {
  return `root:${key}`;
}

function serviceComponent(graph: SbomGraph, ref: string) {
  const { service } = graph;
  const properties = [
    { name: 'quartermaster:namespace', value: service.namespace },
    ...(service.owner
      ? [{ name: 'quartermaster:owner', value: service.owner }]
      : []),
  ];
  return {
    type: 'application',
    'bom-ref': ref,
    name: service.name,
    ...(service.description ? { description: service.description } : {}),
    properties,
  };
}

/*
 * One root (the usual case) is the service itself, so readers see the
 * service depend on its direct packages; several roots become application
 * components the service depends on.
 */
function dependencies(collapsed: CollapsedGraph, serviceRef: string) {
  const { roots, dependsOn } = collapsed;
  const list = (key: string) => [...(dependsOn.get(key) ?? [])].sort();
  const serviceDeps =
    roots.length === 1
      ? list(roots[0]!.key)
      : roots.length === 0
        ? [...collapsed.orphanDirect].sort()
        : roots.map((r) => rootRef(r.key));
  return [
    { ref: serviceRef, dependsOn: serviceDeps },
    ...(roots.length > 1
      ? roots.map((r) => ({ ref: rootRef(r.key), dependsOn: list(r.key) }))
      : []),
    ...collapsed.components.map((c) => ({
      ref: c.purl,
      dependsOn: list(c.purl),
    })),
  ];
}

/** The service's graph as a CycloneDX 1.6 JSON BOM. */
export function toCycloneDx(
  graph: SbomGraph,
  options: SbomOptions,
): CycloneDxBom {
  const collapsed = collapseGraph(graph);
  const serviceRef = `service:${graph.service.namespace}/${graph.service.name}`;
  const rootComponents =
    collapsed.roots.length > 1
      ? collapsed.roots.map((r) => ({
          type: 'application',
          'bom-ref': rootRef(r.key),
          name: r.name,
          properties: [{ name: 'quartermaster:path', value: r.path || '.' }],
        }))
      : [];
  return {
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    serialNumber: `urn:uuid:${randomUUID()}`,
    version: 1,
    metadata: {
      timestamp: (options.timestamp ?? new Date()).toISOString(),
      tools: {
        components: [
          {
            type: 'application',
            name: 'quartermaster',
            version: options.toolVersion,
          },
        ],
      },
      component: serviceComponent(graph, serviceRef),
    },
    components: [...rootComponents, ...collapsed.components.map(toComponent)],
    dependencies: dependencies(collapsed, serviceRef),
  };
}
