import { InputError } from '../../core/errors.js';
import { moduleLogger } from '../../core/log.js';
import type {
  DependencyGraph,
  GraphEdge,
  GraphPackage,
  GraphRoot,
  Scope,
  SourceKind,
} from '../../core/model.js';
import { buildPurl } from '../../core/purl.js';
import { refusingEmpty } from '../empty-lockfile.js';
import { checkLockfileShape } from '../lockfile-shape.js';
import type { ExtractionRequest, Extractor } from '../types.js';
import { assignScopes } from './graph-scope.js';
import {
  parseCargoManifest,
  readWorkspace,
  type CargoManifest,
} from './manifest.js';
import { dirOf, parseToml, stringOf, tableOf } from './toml.js';

const log = moduleLogger('ecosystems.cargo');
const FIX = 'regenerate it with cargo generate-lockfile';

/** One `[[package]]` of Cargo.lock, with the graph node it became. */
interface LockEntry {
  name: string;
  version: string;
  source?: string;
  dependencies: string[];
  line?: number;
  /** A package key, or a root key for workspace members. */
  node: string;
}

function sourceKind(source: string | undefined): SourceKind {
  if (source === undefined || source.startsWith('path+')) return 'file';
  return source.startsWith('git+') ? 'git' : 'registry';
}

// Line numbers of `[[package]]` headers, in order (v1 `[root]` first).
function headerLines(text: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let start = 0;
  while (start < text.length) {
    if (
      text.startsWith('[[package]]', start) ||
      text.startsWith('[root]', start)
    )
      lines.push(line);
    const end = text.indexOf('\n', start);
    if (end < 0) break;
    start = end + 1;
    line += 1;
  }
  return lines;
}

function readEntries(toml: Record<string, unknown>, text: string): LockEntry[] {
  const raw = Array.isArray(toml.package) ? [...toml.package] : [];
  if (toml.root) raw.unshift(toml.root); // Cargo.lock v1 had a `[root]` table.
  const lines = headerLines(text);
  return raw.map((value, index) => {
    const entry = tableOf(value);
    const deps = Array.isArray(entry.dependencies) ? entry.dependencies : [];
    return {
      name: stringOf(entry.name) ?? '',
      version: stringOf(entry.version) ?? '',
      source: stringOf(entry.source),
      dependencies: deps.filter((d): d is string => typeof d === 'string'),
      line: lines[index],
      node: '',
    };
  });
}

/** Finds the entry a `dependencies` string names: `name[ version[ (source)]]`. */
function resolve(
  spec: string,
  byName: Map<string, LockEntry[]>,
): LockEntry | undefined {
  const [name = '', version, rawSource] = spec.split(' ', 3);
  const candidates = byName.get(name) ?? [];
  if (candidates.length <= 1 || version === undefined) return candidates[0];
  const source = rawSource?.replace(/^\(|\)$/g, '');
  return candidates.find(
    (c) => c.version === version && (!source || c.source === source),
  );
}

function declaredScope(manifest: CargoManifest | undefined, name: string) {
  const found = manifest?.dependencies.filter((d) => d.name === name) ?? [];
  if (found.length === 0) return 'prod';
  const scopes: Scope[] = found.map((d) => (d.optional ? 'optional' : d.scope));
  for (const scope of ['prod', 'optional', 'dev'] as const)
    if (scopes.includes(scope)) return scope;
  return 'prod';
}

/** Workspace member manifests by crate name (path dependencies included). */
async function workspaceManifests(
  request: ExtractionRequest,
): Promise<Map<string, CargoManifest>> {
  const dir = dirOf(request.path);
  const file = dir ? `${dir}/Cargo.toml` : 'Cargo.toml';
  const text = await request.repository.readText(file);
  const out = new Map<string, CargoManifest>();
  if (text === undefined) return out;
  const manifests = await readWorkspace(
    request.repository,
    parseCargoManifest(text, file),
  );
  const inside = (path: string) => !dir || path.startsWith(`${dir}/`);
  // for-of also visits the manifests pushed inside the loop.
  for (const manifest of manifests) {
    if (manifest.name) out.set(manifest.name, manifest);
    // Path dependencies inside the workspace folder are members too.
    for (const dep of manifest.dependencies) {
      if (!dep.path || !inside(dep.path)) continue;
      const path = `${dep.path}/Cargo.toml`;
      if (manifests.some((m) => m.file === path)) continue;
      const depText = await request.repository.readText(path);
      if (depText) manifests.push(parseCargoManifest(depText, path));
    }
  }
  return out;
}

/** Reads Cargo.lock (v1 to v4) with the workspace's Cargo.toml files. */
export async function extractCargoLock(
  request: ExtractionRequest,
): Promise<DependencyGraph> {
  const file = request.path;
  const toml = parseToml(request.text, file);
  const version = toml.version ?? 1;
  if (typeof version !== 'number' || version > 4) {
    throw new InputError(
      'ERR_LOCKFILE_VERSION',
      `Cargo.lock has version ${String(version)}; supported: 1 to 4; ` +
        'regenerate it with a cargo release this tool knows',
      { file },
    );
  }
  // Read leniently, `package = 5` would pass as a lockfile of no crates.
  checkLockfileShape(toml, {
    file,
    fields: { package: 'array', root: 'object' },
    fix: `restore it from version control or ${FIX}`,
    syntax: 'TOML',
  });
  const manifests = await workspaceManifests(request);
  const entries = readEntries(toml, request.text);
  const graph = buildGraph(file, entries, manifests);
  graph.files = [file, ...new Set([...manifests.values()].map((m) => m.file))];
  log.debug({ file, packages: graph.packages.length }, 'Cargo.lock read');
  return graph;
}

function buildGraph(
  file: string,
  entries: LockEntry[],
  manifests: Map<string, CargoManifest>,
): DependencyGraph {
  const graph: DependencyGraph = {
    roots: [],
    packages: [],
    edges: [],
    files: [],
    warnings: [],
  };
  const byName = new Map<string, LockEntry[]>();
  const keys = new Set<string>();
  const lockless = manifests.size === 0;
  for (const entry of entries) {
    if (!entry.name || !entry.version) {
      graph.warnings.push({
        file,
        line: entry.line,
        code: 'ERR_CARGO_ENTRY',
        message: 'a [[package]] entry has no name or version; it is skipped',
      });
      continue;
    }
    byName.set(entry.name, [...(byName.get(entry.name) ?? []), entry]);
    const manifest = manifests.get(entry.name);
    if (entry.source === undefined && (manifest || lockless)) {
      entry.node = `root:${manifest?.file ?? `${dirOf(file)}#${entry.name}`}`;
      graph.roots.push(toRoot(entry, manifest, file));
      continue;
    }
    let key = `${entry.name}@${entry.version}`;
    if (keys.has(key)) key = `${key} (${entry.source ?? 'local'})`;
    keys.add(key);
    entry.node = key;
    graph.packages.push(toPackage(entry, key, file));
  }
  addEdges(graph, { file, byName, manifests });
  assignScopes(
    graph.packages,
    graph.edges,
    new Set(graph.roots.map((r) => r.key)),
  );
  return graph;
}

function toRoot(
  entry: LockEntry,
  manifest: CargoManifest | undefined,
  file: string,
): GraphRoot {
  return {
    key: entry.node,
    name: entry.name,
    path: manifest?.dir ?? dirOf(file),
    ecosystem: 'crates.io',
    file: manifest?.file ?? file,
  };
}

function toPackage(entry: LockEntry, key: string, file: string): GraphPackage {
  const source = sourceKind(entry.source);
  const pkg: GraphPackage = {
    key,
    ecosystem: 'crates.io',
    name: entry.name,
    version: entry.version,
    purl: buildPurl('crates.io', entry.name, entry.version),
    source,
    scope: 'prod',
    direct: false,
    file,
    line: entry.line,
  };
  if (source === 'git') pkg.skipReason = 'git-dependency';
  if (source === 'file') pkg.skipReason = 'path-dependency';
  return pkg;
}

interface EdgeContext {
  file: string;
  byName: Map<string, LockEntry[]>;
  manifests: Map<string, CargoManifest>;
}

function addEdges(graph: DependencyGraph, context: EdgeContext): void {
  for (const list of context.byName.values()) {
    for (const entry of list) {
      const isRoot = entry.node.startsWith('root:');
      const manifest = isRoot ? context.manifests.get(entry.name) : undefined;
      for (const spec of entry.dependencies) {
        const target = resolve(spec, context.byName);
        if (!target) {
          graph.warnings.push({
            file: context.file,
            line: entry.line,
            code: 'ERR_CARGO_DEPENDENCY',
            message: `${entry.name} depends on "${spec}", which is not in the lockfile; edge skipped`,
          });
          continue;
        }
        const edge: GraphEdge = { from: entry.node, to: target.node };
        if (isRoot) edge.scope = declaredScope(manifest, target.name);
        graph.edges.push(edge);
      }
    }
  }
}

/** Cargo.lock, read with the Cargo.toml files of its workspace. */
export const cargoLockExtractor: Extractor = {
  id: 'cargo-lock',
  ecosystem: 'crates.io',
  kind: 'lockfile',
  matches: (path) => path === 'Cargo.lock' || path.endsWith('/Cargo.lock'),
  extract: refusingEmpty(extractCargoLock, FIX),
};
