import type { DependencyGraph, GraphPackage } from '../../core/model.js';
import type { ExtractionRequest, Extractor } from '../types.js';
import { parsePackageManifest } from './manifest.js';
import { manifestDependencies } from './package-lock-graph.js';
import { buildNpmPackage, parseAlias, sourceOfSpec } from './spec.js';

/**
 * Reads a package.json that no lockfile covers: each declared dependency
 * becomes an unresolved package (version null, `declared` = the range), so
 * the inventory still knows what the project asks for. The scan runs it only
 * on package.json files that no lockfile graph lists in its `files`.
 */
export const packageJsonExtractor: Extractor = {
  id: 'npm-package-json',
  ecosystem: 'npm',
  kind: 'manifest',
  matches: isPackageJson,
  extract: extractPackageJson,
};

export function isPackageJson(path: string): boolean {
  return (
    (path === 'package.json' || path.endsWith('/package.json')) &&
    !path.startsWith('node_modules/') &&
    !path.includes('/node_modules/')
  );
}

export async function extractPackageJson(
  request: ExtractionRequest,
): Promise<DependencyGraph> {
  const manifest = parsePackageManifest(request.text, request.path);
  const rootKey = `root:${manifest.dir || '.'}`;
  const folder = manifest.dir.slice(manifest.dir.lastIndexOf('/') + 1);
  const graph: DependencyGraph = {
    roots: [
      {
        key: rootKey,
        name: manifest.name ?? (folder || '.'),
        path: manifest.dir,
        ecosystem: 'npm',
        file: manifest.file,
      },
    ],
    packages: [],
    edges: [],
    files: [manifest.file],
    warnings: [],
  };

  for (const dependency of manifestDependencies(manifest)) {
    const pkg = unresolvedPackage(dependency.name, dependency.spec, {
      scope: dependency.scope,
      file: manifest.file,
    });
    graph.packages.push(pkg);
    graph.edges.push({ from: rootKey, to: pkg.key, scope: dependency.scope });
  }
  return graph;
}

function unresolvedPackage(
  installName: string,
  spec: string,
  where: Pick<GraphPackage, 'scope' | 'file'>,
): GraphPackage {
  const alias = parseAlias(spec);
  return buildNpmPackage({
    // One entry per declared name: the key is the name it is installed as.
    key: installName,
    name: alias?.name ?? installName,
    version: null,
    declared: spec,
    source: sourceOfSpec(spec),
    scope: where.scope,
    direct: true,
    file: where.file,
    skipReason: 'unresolved',
  });
}
