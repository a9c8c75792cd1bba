import type {
  DependencyGraph,
  GraphPackage,
  SourceKind,
} from '../../core/model.js';
import { buildPurl } from '../../core/purl.js';
import type { ExtractionRequest, Extractor } from '../types.js';
import {
  parseCargoManifest,
  type CargoDeclaredDependency,
} from './manifest.js';

const EXACT = /^=\s*(\d+\.\d+\.\d+\S*)$/;

function toPackage(dep: CargoDeclaredDependency, file: string): GraphPackage {
  const exact = EXACT.exec(dep.requirement.trim())?.[1] ?? null;
  const source: SourceKind = dep.git ? 'git' : dep.path ? 'file' : 'registry';
  const pkg: GraphPackage = {
    key: `${dep.name}@${dep.requirement}#${dep.scope}`,
    ecosystem: 'crates.io',
    name: dep.name,
    version: exact,
    declared: dep.requirement,
    purl: buildPurl('crates.io', dep.name, exact),
    source,
    scope: dep.optional ? 'optional' : dep.scope,
    direct: true,
    file,
  };
  if (source === 'git') pkg.skipReason = 'git-dependency';
  else if (source === 'file') pkg.skipReason = 'path-dependency';
  else if (!exact) pkg.skipReason = 'unresolved';
  return pkg;
}

/**
 * Reads a Cargo.toml that no Cargo.lock consumed: its declared dependencies,
 * unresolved unless pinned with `=x.y.z`.
 */
export async function extractCargoToml(
  request: ExtractionRequest,
): Promise<DependencyGraph> {
  const manifest = parseCargoManifest(request.text, request.path);
  const rootKey = `root:${manifest.file}`;
  const packages = new Map<string, GraphPackage>();
  for (const dep of manifest.dependencies) {
    const pkg = toPackage(dep, manifest.file);
    if (!packages.has(pkg.key)) packages.set(pkg.key, pkg);
  }
  return {
    roots: [
      {
        key: rootKey,
        name: manifest.name ?? (manifest.dir || 'workspace'),
        path: manifest.dir,
        ecosystem: 'crates.io',
        file: manifest.file,
      },
    ],
    packages: [...packages.values()],
    edges: [...packages.values()].map((p) => ({
      from: rootKey,
      to: p.key,
      scope: p.scope,
    })),
    files: [manifest.file],
    warnings: [],
  };
}

/** Cargo.toml without a lockfile: declared dependencies only. */
export const cargoTomlExtractor: Extractor = {
  id: 'cargo-toml',
  ecosystem: 'crates.io',
  kind: 'manifest',
  matches: (path) => path === 'Cargo.toml' || path.endsWith('/Cargo.toml'),
  extract: extractCargoToml,
};
