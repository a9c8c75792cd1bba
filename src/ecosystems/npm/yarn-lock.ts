import { InputError } from '../../core/errors.js';
import type { DependencyGraph, GraphPackage } from '../../core/model.js';
import { npmPurl } from './spec.js';
import { refusingEmpty } from '../empty-lockfile.js';
import type { ExtractionRequest, Extractor } from '../types.js';
import {
  addLockEdge,
  createLockGraph,
  finishLockGraph,
  sourceOfSpec,
  splitDescriptor,
  type LockGraph,
} from './lock-graph.js';
import {
  MANIFEST_SECTIONS,
  linkWorkspace,
  readWorkspaceRoots,
  warnOutOfSync,
  type LockRoot,
} from './lock-roots.js';
import { extractYarnBerryLock } from './yarn-berry-lock.js';
import { parseClassicYarnLock, type ClassicEntry } from './yarn-lock-syntax.js';

const BERRY_METADATA = /^__metadata:/m;
const ENTRY_SECTIONS = [
  ['dependencies', 'prod'],
  ['optionalDependencies', 'optional'],
] as const;

/** The package an entry describes, keyed `name@version` when from the registry. */
function toPackage(
  entry: ClassicEntry,
  file: string,
): GraphPackage | undefined {
  const version = entry.fields.version;
  if (!version) return undefined;
  const parts = entry.descriptors.map(splitDescriptor);
  const plain = parts.find((part) => !part.alias) ?? parts[0]!;
  const source = parts.some((part) => !part.alias)
    ? sourceOfSpec(plain.range)
    : 'alias';
  const named = source === 'registry' || source === 'alias';
  return {
    key: named ? `${plain.name}@${version}` : `${plain.name}@${plain.range}`,
    ecosystem: 'npm',
    name: plain.name,
    version,
    purl: npmPurl(plain.name, version),
    source,
    scope: 'prod',
    direct: false,
    file,
    line: entry.line,
  };
}

/** Maps every `name@range` key to the package key of its entry. */
function addPackages(
  graph: LockGraph,
  entries: ClassicEntry[],
  file: string,
): Map<string, string> {
  const byDescriptor = new Map<string, string>();
  for (const [index, entry] of entries.entries()) {
    const pkg = toPackage(entry, file);
    if (!pkg && index === entries.length - 1) {
      throw new InputError(
        'ERR_LOCKFILE_SYNTAX',
        `yarn.lock ends inside the entry ${entry.descriptors[0]}, which has no version; ` +
          'the file looks truncated; regenerate it with yarn install',
        { file, line: entry.line },
      );
    }
    if (!pkg) {
      graph.warnings.push({
        file,
        line: entry.line,
        code: 'ERR_LOCKFILE_ENTRY',
        message: `entry ${entry.descriptors[0]} has no version; it is left out`,
      });
      continue;
    }
    if (!graph.packages.has(pkg.key)) graph.packages.set(pkg.key, pkg);
    for (const descriptor of entry.descriptors) {
      byDescriptor.set(descriptor, pkg.key);
    }
  }
  return byDescriptor;
}

interface Resolver {
  graph: LockGraph;
  byDescriptor: Map<string, string>;
  workspaces: Map<string, LockRoot>;
}

function addEntryEdges(
  resolver: Resolver,
  entries: ClassicEntry[],
  file: string,
) {
  const { graph, byDescriptor, workspaces } = resolver;
  for (const entry of entries) {
    const from = byDescriptor.get(entry.descriptors[0]!);
    if (!from) continue;
    for (const [section, kind] of ENTRY_SECTIONS) {
      for (const [name, range] of Object.entries(
        entry.sections[section] ?? {},
      )) {
        const to = byDescriptor.get(`${name}@${range}`);
        const workspace = workspaces.get(name);
        if (to) addLockEdge(graph, from, to, kind);
        else if (workspace) linkWorkspace(graph, from, workspace, kind);
        else if (kind !== 'optional') {
          graph.warnings.push({
            file,
            line: entry.line,
            code: 'ERR_LOCKFILE_UNRESOLVED',
            message: `${name}@${range}, a dependency of ${entry.descriptors[0]}, has no entry; the edge is left out`,
          });
        }
      }
    }
  }
}

/** Edges from each root manifest to the entries its ranges select. */
function addRootEdges(resolver: Resolver, roots: LockRoot[], file: string) {
  const { graph, byDescriptor, workspaces } = resolver;
  for (const root of roots) {
    for (const [section, kind] of MANIFEST_SECTIONS) {
      for (const [name, range] of Object.entries(root.manifest[section])) {
        const to = byDescriptor.get(`${name}@${range}`);
        const workspace = workspaces.get(name);
        if (to) addLockEdge(graph, root.key, to, kind);
        else if (workspace) linkWorkspace(graph, root.key, workspace, kind);
        else if (kind !== 'peer') {
          warnOutOfSync(graph, {
            lockfile: file,
            manifest: root.manifest,
            name,
            range,
          });
        }
      }
    }
  }
}

/**
 * Reads a yarn classic (v1) lockfile with the package.json files it locks:
 * the one beside it and its `workspaces`. Workspaces have no lockfile entry
 * in v1; a dependency on one by name becomes an edge to that workspace.
 */
export async function extractYarnClassicLock(
  request: ExtractionRequest,
): Promise<DependencyGraph> {
  const entries = parseClassicYarnLock(request.text, request.path);
  const graph = createLockGraph(request.path);
  const roots = await readWorkspaceRoots(
    graph,
    request.repository,
    request.path,
  );
  const workspaces = new Map<string, LockRoot>();
  for (const root of roots.slice(1)) {
    if (root.manifest.name) workspaces.set(root.manifest.name, root);
  }

  const byDescriptor = addPackages(graph, entries, request.path);
  const resolver = { graph, byDescriptor, workspaces };
  addEntryEdges(resolver, entries, request.path);
  addRootEdges(resolver, roots, request.path);
  return finishLockGraph(graph);
}

/** yarn.lock, classic or Berry, told apart by Berry's `__metadata` block. */
export const yarnLockExtractor = {
  id: 'npm-yarn-lock',
  ecosystem: 'npm',
  kind: 'lockfile',
  matches: (path: string) =>
    path === 'yarn.lock' || path.endsWith('/yarn.lock'),
  extract: refusingEmpty(
    (request: ExtractionRequest) =>
      BERRY_METADATA.test(request.text)
        ? extractYarnBerryLock(request)
        : extractYarnClassicLock(request),
    'run yarn install',
  ),
} satisfies Extractor;
