// Small hand-built services and graphs for store and query tests.
import type { ServiceRecord } from '../../core/catalog.js';
import type {
  DependencyGraph,
  EcosystemName,
  GraphPackage,
  Scope,
} from '../../core/model.js';
import { buildPurl } from '../../core/purl.js';

export function serviceRecord(
  name: string,
  overrides: Partial<ServiceRecord> = {},
): ServiceRecord {
  return {
    namespace: 'default',
    name,
    owner: 'unowned',
    ownerSource: 'none',
    tags: [],
    annotations: {},
    dependsOn: [],
    exposure: { internetFacing: false, userData: false, paymentPath: false },
    stack: { languages: [], packageManagers: [], frameworks: [] },
    repository: '/repos/monorepo',
    path: `services/${name}`,
    ...overrides,
  };
}

/** `name@version` (or `key=name@version`), optionally `!` for direct, `:dev` for scope. */
export interface PackageLine {
  key?: string;
  name: string;
  version: string | null;
  direct?: boolean;
  scope?: Scope;
  ecosystem?: EcosystemName;
}

export interface GraphSpec {
  roots?: string[];
  packages: PackageLine[];
  /** [from, to] keys; package keys default to name@version. */
  edges?: [string, string][];
}

export function packageKey(p: PackageLine): string {
  return p.key ?? `${p.name}@${p.version}`;
}

export function graphOf(spec: GraphSpec): DependencyGraph {
  const roots = (spec.roots ?? ['root']).map((key) => ({
    key,
    name: key,
    path: '',
    ecosystem: 'npm' as const,
    file: 'package.json',
  }));
  const packages: GraphPackage[] = spec.packages.map((p) => {
    const ecosystem = p.ecosystem ?? 'npm';
    return {
      key: packageKey(p),
      ecosystem,
      name: p.name,
      version: p.version,
      purl: buildPurl(ecosystem, p.name, p.version),
      source: 'registry',
      scope: p.scope ?? 'prod',
      direct: p.direct ?? false,
      file: 'package-lock.json',
    };
  });
  const edges = (spec.edges ?? []).map(([from, to]) => ({ from, to }));
  return { roots, packages, edges, files: ['package-lock.json'], warnings: [] };
}
