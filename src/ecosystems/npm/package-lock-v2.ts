import type { Scope } from '../../core/model.js';
import { workspaceGlobs } from './manifest.js';
import type {
  LockDependency,
  LockFolder,
  LockNode,
  LockTree,
} from './package-lock-tree.js';
import { installName } from './package-lock-tree.js';
import { skipReasonOf, sourceOfResolved } from './spec.js';

/** One entry of the `packages` map of a v2/v3 lockfile, as far as we read it. */
interface PackageEntry {
  name?: unknown;
  version?: unknown;
  resolved?: unknown;
  link?: unknown;
  dev?: unknown;
  optional?: unknown;
  devOptional?: unknown;
  peer?: unknown;
  inBundle?: unknown;
  dependencies?: unknown;
  devDependencies?: unknown;
  optionalDependencies?: unknown;
  peerDependencies?: unknown;
  peerDependenciesMeta?: unknown;
  workspaces?: unknown;
}

type Entries = Record<string, PackageEntry | undefined>;

/** Reads the flat `packages` map of a v2 or v3 lockfile. */
export function readPackagesTree(packages: Entries): LockTree {
  const tree: LockTree = {
    nodes: new Map(),
    links: new Map(),
    folders: new Map(),
  };
  for (const location in packages) {
    const entry = packages[location];
    if (!entry || typeof entry !== 'object') continue;
    if (entry.link === true && typeof entry.resolved === 'string') {
      tree.links.set(location, entry.resolved);
    } else if (isInstalled(location)) {
      tree.nodes.set(location, readNode(location, entry));
    } else {
      tree.folders.set(location, readFolder(location, entry));
    }
  }
  return tree;
}

function isInstalled(location: string): boolean {
  return (
    location.startsWith('node_modules/') || location.includes('/node_modules/')
  );
}

function readNode(location: string, entry: PackageEntry): LockNode {
  const alias = installName(location);
  const name = typeof entry.name === 'string' ? entry.name : alias;
  const version = typeof entry.version === 'string' ? entry.version : null;
  const resolved =
    typeof entry.resolved === 'string' ? entry.resolved : undefined;
  let source = sourceOfResolved(resolved);
  if (name !== alias && source === 'registry') source = 'alias';

  const node: LockNode = {
    location,
    name,
    version,
    source,
    scope: scopeOf(entry),
    bundled: entry.inBundle === true,
    dependencies: readDependencies(entry, false),
  };
  if (version === null) node.skipReason = skipReasonOf(source);
  return node;
}

function readFolder(location: string, entry: PackageEntry): LockFolder {
  const folder: LockFolder = {
    location,
    scope: scopeOf(entry),
    dependencies: readDependencies(entry, true),
  };
  if (typeof entry.name === 'string') folder.name = entry.name;
  if (typeof entry.version === 'string') folder.version = entry.version;
  if (location === '') folder.workspaces = workspaceGlobs(entry.workspaces);
  return folder;
}

/** The scope npm's own flags give: dev beats the rest, as `--omit` does. */
export function scopeOf(entry: {
  dev?: unknown;
  optional?: unknown;
  devOptional?: unknown;
  peer?: unknown;
}): Scope {
  if (entry.dev === true) return 'dev';
  // devOptional packages ship with an optional production dependency.
  if (entry.optional === true || entry.devOptional === true) return 'optional';
  if (entry.peer === true) return 'peer';
  return 'prod';
}

type Section = [Record<string, unknown>, Scope, (name: string) => boolean];

const never = () => false;
const always = () => true;

/**
 * The declared dependencies of an entry. Later sections win for a name in
 * several, as in npm: optional over prod, prod over peer and dev.
 */
function readDependencies(
  entry: PackageEntry,
  withDev: boolean,
): LockDependency[] {
  const sections: Section[] = [];
  if (withDev) addSection(sections, entry.devDependencies, 'dev', never);
  if (isRecord(entry.peerDependencies)) {
    const meta = entry.peerDependenciesMeta as
      Record<string, { optional?: unknown } | undefined> | undefined;
    const optionalPeer = (name: string) => meta?.[name]?.optional === true;
    addSection(sections, entry.peerDependencies, 'peer', optionalPeer);
  }
  addSection(sections, entry.dependencies, 'prod', never);
  addSection(sections, entry.optionalDependencies, 'optional', always);

  // Most entries have one section; only several need the merge by name.
  const byName = new Map<string, LockDependency>();
  const out: LockDependency[] = [];
  for (const [section, scope, isOptional] of sections) {
    for (const name in section) {
      const spec = section[name];
      if (typeof spec !== 'string') continue;
      const dependency = { name, spec, scope, optional: isOptional(name) };
      if (sections.length === 1) out.push(dependency);
      else byName.set(name, dependency);
    }
  }
  return sections.length === 1 ? out : [...byName.values()];
}

function addSection(
  sections: Section[],
  section: unknown,
  scope: Scope,
  isOptional: (name: string) => boolean,
): void {
  if (isRecord(section)) sections.push([section, scope, isOptional]);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}
