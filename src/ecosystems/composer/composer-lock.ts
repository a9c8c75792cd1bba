import { moduleLogger } from '../../core/log.js';
import { markerLines } from '../../core/marker-lines.js';
import type {
  DependencyGraph,
  GraphEdge,
  GraphPackage,
  Scope,
  SourceKind,
} from '../../core/model.js';
import { buildPurl, normalizePackageName } from '../../core/purl.js';
import { refusingEmpty } from '../empty-lockfile.js';
import { checkLockfileShape } from '../lockfile-shape.js';
import type { ExtractionRequest, Extractor } from '../types.js';
import {
  dirOf,
  parseComposerManifest,
  platformPackage,
  type ComposerManifest,
} from './composer-json.js';
import { objectOf, parseJsonFile, stringMap } from './json.js';
import { isPlatformPackage } from './platform.js';

const log = moduleLogger('ecosystems.composer');

interface LockedPackage {
  pkg: GraphPackage;
  require: Record<string, string>;
  /** Names this package replaces or provides (`symfony/polyfill-*`). */
  provides: string[];
}

function sourceKind(entry: Record<string, unknown>): SourceKind {
  const dist = objectOf(entry.dist).type;
  const source = objectOf(entry.source).type;
  if (dist === 'path' || source === 'path') return 'file';
  if (dist === undefined && typeof source === 'string') {
    return source === 'git' || source === 'hg' || source === 'svn'
      ? 'git'
      : 'url';
  }
  return 'registry';
}

/**
 * The line of each package's `"name"`, found with plain string search (a
 * multi-line regex over the whole lockfile costs as much as JSON.parse).
 * Composer writes four-space indents, so package keys sit at twelve.
 */
function nameLines(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const { line, after } of markerLines(text, '\n            "name": "')) {
    const name = text.slice(after, text.indexOf('"', after));
    if (!out.has(name)) out.set(name, line);
  }
  return out;
}

function readPackages(
  list: unknown,
  scope: Scope,
  context: { file: string; lines: Map<string, number> },
): LockedPackage[] {
  if (!Array.isArray(list)) return [];
  const out: LockedPackage[] = [];
  for (const raw of list) {
    const entry = objectOf(raw);
    if (typeof entry.name !== 'string' || typeof entry.version !== 'string')
      continue;
    const name = normalizePackageName('Packagist', entry.name);
    const source = sourceKind(entry);
    const pkg: GraphPackage = {
      key: `${name}@${entry.version}`,
      ecosystem: 'Packagist',
      name,
      version: entry.version,
      purl: buildPurl('Packagist', name, entry.version),
      source,
      scope,
      direct: false,
      file: context.file,
      line: context.lines.get(entry.name),
    };
    if (source === 'git') pkg.skipReason = 'git-dependency';
    if (source === 'file') pkg.skipReason = 'path-dependency';
    const provides = [
      ...Object.keys(stringMap(entry.replace)),
      ...Object.keys(stringMap(entry.provide)),
    ];
    out.push({ pkg, require: stringMap(entry.require), provides });
  }
  return out;
}

async function readManifest(
  request: ExtractionRequest,
): Promise<ComposerManifest | undefined> {
  const dir = dirOf(request.path);
  const file = dir ? `${dir}/composer.json` : 'composer.json';
  const text = await request.repository.readText(file);
  return text === undefined ? undefined : parseComposerManifest(text, file);
}

/** Reads composer.lock with the composer.json beside it. */
export async function extractComposerLock(
  request: ExtractionRequest,
): Promise<DependencyGraph> {
  const file = request.path;
  const json = checkLockfileShape(
    parseJsonFile(request.text, file, 'ERR_LOCKFILE_SYNTAX'),
    {
      file,
      // Old Composer versions wrote `"packages-dev": null`.
      fields: { packages: 'array', 'packages-dev': 'array or null' },
      fix: 'restore it from version control or regenerate it with composer update',
    },
  );
  const context = { file, lines: nameLines(request.text) };
  const locked = [
    ...readPackages(json.packages, 'prod', context),
    ...readPackages(json['packages-dev'], 'dev', context),
  ];
  const manifest = await readManifest(request);
  const graph = buildGraph(file, locked, manifest);
  log.debug({ file, packages: graph.packages.length }, 'composer.lock read');
  return graph;
}

function buildGraph(
  file: string,
  locked: LockedPackage[],
  manifest: ComposerManifest | undefined,
): DependencyGraph {
  const byName = new Map<string, GraphPackage>();
  for (const { pkg } of locked) byName.set(pkg.name, pkg);
  for (const { pkg, provides } of locked) {
    for (const name of provides) {
      const normalized = normalizePackageName('Packagist', name);
      if (!byName.has(normalized)) byName.set(normalized, pkg);
    }
  }
  const edges: GraphEdge[] = [];
  const required = new Set<string>();
  for (const { pkg, require } of locked) {
    for (const name of Object.keys(require)) {
      const target = byName.get(normalizePackageName('Packagist', name));
      if (!target || target === pkg) continue;
      edges.push({ from: pkg.key, to: target.key });
      required.add(target.key);
    }
  }
  const rootKey = `root:${manifest?.file ?? file}`;
  const packages = locked.map((l) => l.pkg);
  const rootEdges = manifest
    ? manifestEdges({ manifest, rootKey, byName, packages })
    : packages
        .filter((p) => !required.has(p.key))
        .map((p) => ({ from: rootKey, to: p.key, scope: p.scope }));
  const directKeys = new Set(rootEdges.map((e) => e.to));
  for (const pkg of packages) pkg.direct = directKeys.has(pkg.key);
  const dir = dirOf(file);
  return {
    roots: [
      {
        key: rootKey,
        name: manifest?.name ?? (dir || 'composer.json'),
        path: dir,
        ecosystem: 'Packagist',
        file: manifest?.file ?? file,
      },
    ],
    packages,
    edges: [...rootEdges, ...edges],
    files: manifest ? [file, manifest.file] : [file],
    warnings: [],
  };
}

interface ManifestEdgeContext {
  manifest: ComposerManifest;
  rootKey: string;
  byName: Map<string, GraphPackage>;
  packages: GraphPackage[];
}

/** Root edges from require / require-dev; platform requirements become marked packages. */
function manifestEdges(context: ManifestEdgeContext): GraphEdge[] {
  const edges: GraphEdge[] = [];
  const tables: [Record<string, string>, Scope][] = [
    [context.manifest.require, 'prod'],
    [context.manifest.requireDev, 'dev'],
  ];
  for (const [table, scope] of tables) {
    for (const [name, spec] of Object.entries(table)) {
      let target = context.byName.get(normalizePackageName('Packagist', name));
      if (!target && isPlatformPackage(name)) {
        target = platformPackage(name, spec, {
          file: context.manifest.file,
          scope,
        });
        context.packages.push(target);
      }
      if (target) edges.push({ from: context.rootKey, to: target.key, scope });
    }
  }
  return edges;
}

/** composer.lock, read with its composer.json. */
export const composerLockExtractor: Extractor = {
  id: 'composer-lock',
  ecosystem: 'Packagist',
  kind: 'lockfile',
  matches: (path) =>
    path === 'composer.lock' || path.endsWith('/composer.lock'),
  extract: refusingEmpty(
    extractComposerLock,
    'regenerate it with composer update',
  ),
};
