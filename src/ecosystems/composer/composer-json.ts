import type { DependencyGraph, GraphPackage, Scope } from '../../core/model.js';
import { buildPurl, normalizePackageName } from '../../core/purl.js';
import type { ExtractionRequest, Extractor } from '../types.js';
import { objectOf, parseJsonFile, stringMap } from './json.js';
import { isPlatformPackage } from './platform.js';

/** The parts of a composer.json that dependency extraction reads. */
export interface ComposerManifest {
  file: string;
  dir: string;
  name?: string;
  require: Record<string, string>;
  requireDev: Record<string, string>;
}

export function dirOf(file: string): string {
  const slash = file.lastIndexOf('/');
  return slash < 0 ? '' : file.slice(0, slash);
}

/** Parses composer.json text. Throws InputError ERR_MANIFEST_SYNTAX. */
export function parseComposerManifest(
  text: string,
  file: string,
): ComposerManifest {
  const json = objectOf(parseJsonFile(text, file, 'ERR_MANIFEST_SYNTAX'));
  return {
    file,
    dir: dirOf(file),
    name: typeof json.name === 'string' ? json.name : undefined,
    require: stringMap(json.require),
    requireDev: stringMap(json['require-dev']),
  };
}

/** A platform requirement (`php`, `ext-json`): kept, marked, never resolved. */
export function platformPackage(
  name: string,
  declared: string,
  context: { file: string; scope: Scope },
): GraphPackage {
  const normalized = normalizePackageName('Packagist', name);
  return {
    key: `platform:${normalized}#${context.scope}`,
    ecosystem: 'Packagist',
    name: normalized,
    version: null,
    declared,
    purl: buildPurl('Packagist', normalized),
    source: 'registry',
    scope: context.scope,
    direct: true,
    file: context.file,
    skipReason: 'platform-package',
  };
}

function declaredPackage(
  name: string,
  declared: string,
  context: { file: string; scope: Scope },
): GraphPackage {
  if (isPlatformPackage(name)) return platformPackage(name, declared, context);
  const normalized = normalizePackageName('Packagist', name);
  // An exact constraint (`1.2.3`, `v1.2.3`) pins the version.
  const exact = /^v?\d+(?:\.\d+)*$/.test(declared.trim())
    ? declared.trim()
    : null;
  const pkg: GraphPackage = {
    key: `${normalized}#${context.scope}`,
    ecosystem: 'Packagist',
    name: normalized,
    version: exact,
    declared,
    purl: buildPurl('Packagist', normalized, exact),
    source: 'registry',
    scope: context.scope,
    direct: true,
    file: context.file,
  };
  if (!exact) pkg.skipReason = 'unresolved';
  return pkg;
}

/** Reads a composer.json that no composer.lock consumed. */
export function extractComposerJson(
  request: ExtractionRequest,
): DependencyGraph {
  const manifest = parseComposerManifest(request.text, request.path);
  const rootKey = `root:${manifest.file}`;
  const file = manifest.file;
  const packages = [
    ...Object.entries(manifest.require).map(([name, spec]) =>
      declaredPackage(name, spec, { file, scope: 'prod' }),
    ),
    ...Object.entries(manifest.requireDev).map(([name, spec]) =>
      declaredPackage(name, spec, { file, scope: 'dev' }),
    ),
  ];
  return {
    roots: [
      {
        key: rootKey,
        name: manifest.name ?? (manifest.dir || 'composer.json'),
        path: manifest.dir,
        ecosystem: 'Packagist',
        file,
      },
    ],
    packages,
    edges: packages.map((p) => ({ from: rootKey, to: p.key, scope: p.scope })),
    files: [file],
    warnings: [],
  };
}

/** composer.json without a lockfile: declared requirements only. */
export const composerJsonExtractor: Extractor = {
  id: 'composer-json',
  ecosystem: 'Packagist',
  kind: 'manifest',
  matches: (path) =>
    path === 'composer.json' || path.endsWith('/composer.json'),
  extract: (request) => Promise.resolve(extractComposerJson(request)),
};
