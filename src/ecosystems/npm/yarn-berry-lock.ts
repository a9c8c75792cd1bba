import { InputError } from '../../core/errors.js';
import { parseSyml } from '@yarnpkg/parsers';
import type { DependencyGraph, GraphPackage } from '../../core/model.js';
import type { ExtractionRequest } from '../types.js';
import {
  addLockEdge,
  createLockGraph,
  finishLockGraph,
  splitDescriptor,
  type DependencyKind,
  type LockGraph,
} from './lock-graph.js';
import {
  MANIFEST_SECTIONS,
  addManifestRoot,
  linkWorkspace,
  warnOutOfSync,
  type LockRoot,
} from './lock-roots.js';
import {
  dirOf,
  readPackageManifest,
  type PackageManifest,
} from './manifest.js';
import { npmPurl } from './spec.js';
import {
  keyLines,
  parseLocator,
  readResolutions,
  resolvedRange,
  sourceOfReference,
  syntaxError,
  truncated,
  type BerryEntry,
} from './yarn-berry-syntax.js';

interface BerryState {
  graph: LockGraph;
  file: string;
  /** Descriptor → package key, or the workspace it names. */
  byDescriptor: Map<string, string | LockRoot>;
  /** Entry key → where its edges start (package key or workspace root). */
  owners: Map<string, string | LockRoot>;
  /** 1-based line of each entry key. */
  lines: Map<string, number>;
  /** The root package.json `resolutions`, which rewrite descriptors. */
  resolutions: Map<string, string>;
}

function findTarget(
  state: BerryState,
  name: string,
  range: string,
): string | LockRoot | undefined {
  // Lockfiles before Berry 3 left the default `npm:` protocol out.
  return (
    state.byDescriptor.get(`${name}@${range}`) ??
    state.byDescriptor.get(`${name}@npm:${range}`)
  );
}

async function addWorkspace(
  state: BerryState,
  request: ExtractionRequest,
  locator: { name: string; reference: string },
): Promise<LockRoot> {
  const relative = locator.reference.slice('workspace:'.length);
  const parts = [dirOf(request.path), ...relative.split('/')];
  const dir = parts.filter((part) => part && part !== '.').join('/');
  const file = dir ? `${dir}/package.json` : 'package.json';
  const manifest: PackageManifest = (!parts.includes('..') &&
    (await readPackageManifest(request.repository, file))) || {
    file,
    dir,
    name: locator.name,
    dependencies: {},
    devDependencies: {},
    optionalDependencies: {},
    peerDependencies: {},
    workspaces: [],
  };
  return addManifestRoot(state.graph, manifest);
}

function toPackage(
  state: BerryState,
  entry: BerryEntry & { resolution: string },
  descriptors: string[],
): string {
  const { name, reference } = parseLocator(entry.resolution);
  let source = sourceOfReference(reference);
  const version = entry.version ?? null;
  const key =
    source === 'registry' && version
      ? `${name}@${version}`
      : `${name}@${reference}`;
  if (
    source === 'registry' &&
    descriptors.every((d) => splitDescriptor(d).alias)
  ) {
    source = 'alias';
  }
  const existing = state.graph.packages.get(key);
  if (existing && existing.source === 'alias') existing.source = source;
  if (existing) return key;

  const pkg: GraphPackage = {
    key,
    ecosystem: 'npm',
    name,
    version,
    purl: npmPurl(name, version),
    source,
    scope: 'prod',
    direct: false,
    file: state.file,
  };
  state.graph.packages.set(key, pkg);
  return key;
}

/** How a workspace declares a dependency, read from its package.json. */
function workspaceKind(
  manifest: PackageManifest,
  name: string,
): DependencyKind {
  if (name in manifest.dependencies) return 'prod';
  if (name in manifest.optionalDependencies) return 'optional';
  if (name in manifest.devDependencies) return 'dev';
  return 'prod';
}

function addEdges(state: BerryState, key: string, entry: BerryEntry) {
  const owner = state.owners.get(key);
  if (!owner) return;
  const from = typeof owner === 'string' ? owner : owner.key;
  const parentName =
    typeof owner === 'string'
      ? state.graph.packages.get(owner)!.name
      : (owner.manifest.name ?? '');
  for (const [name, range] of Object.entries(entry.dependencies ?? {})) {
    let kind: DependencyKind = entry.dependenciesMeta?.[name]?.optional
      ? 'optional'
      : 'prod';
    if (typeof owner !== 'string' && kind === 'prod') {
      kind = workspaceKind(owner.manifest, name);
    }
    let target = findTarget(state, name, range);
    if (!target) {
      const forced = resolvedRange(state.resolutions, {
        parent: parentName,
        name,
        range,
      });
      if (forced !== undefined) target = findTarget(state, name, forced);
    }
    if (typeof target === 'string')
      addLockEdge(state.graph, from, target, kind);
    else if (target) linkWorkspace(state.graph, from, target, kind);
    else {
      state.graph.warnings.push({
        file: state.file,
        line: state.lines.get(key),
        code: 'ERR_LOCKFILE_UNRESOLVED',
        message: `${name}@${range}, a dependency of ${key}, has no entry; the edge is left out`,
      });
    }
  }
}

/** Warns about workspace dependencies the lockfile does not list. */
function checkInSync(state: BerryState, root: LockRoot, entry: BerryEntry) {
  for (const [section, kind] of MANIFEST_SECTIONS) {
    if (kind === 'peer') continue;
    for (const [name, range] of Object.entries(root.manifest[section])) {
      if (entry.dependencies?.[name] === undefined) {
        warnOutOfSync(state.graph, {
          lockfile: state.file,
          manifest: root.manifest,
          name,
          range,
        });
      }
    }
  }
}

/**
 * Reads a yarn Berry (v2 and later) lockfile. Workspaces are its
 * `workspace:` entries, with their package.json read to tell dev from prod
 * (the lockfile merges both); `patch:` entries count as the package they
 * patch; `npm:` aliases resolve to the real package.
 */
export async function extractYarnBerryLock(
  request: ExtractionRequest,
): Promise<DependencyGraph> {
  let parsed: Record<string, BerryEntry>;
  try {
    parsed = parseSyml(request.text) as Record<string, BerryEntry>;
  } catch (error) {
    throw syntaxError(request.path, error);
  }
  const graph = createLockGraph(request.path);
  const state: BerryState = {
    graph,
    file: request.path,
    byDescriptor: new Map(),
    owners: new Map(),
    resolutions: await readResolutions(request),
    lines: keyLines(request.text),
  };
  const { lines } = state;
  const entries = Object.entries(parsed).filter(
    ([key]) => key !== '__metadata',
  );

  for (const [index, [key, entry]] of entries.entries()) {
    const line = lines.get(key);
    if (
      typeof entry?.resolution !== 'string' ||
      !entry.resolution.includes('@', 1)
    ) {
      if (index === entries.length - 1)
        throw truncated(request.path, key, line);
      graph.warnings.push({
        file: request.path,
        line,
        code: 'ERR_LOCKFILE_ENTRY',
        message: `entry ${key} has no resolution; it is left out`,
      });
      continue;
    }
    const descriptors = key.split(', ');
    const locator = parseLocator(entry.resolution);
    let owner: string | LockRoot;
    if (locator.reference.startsWith('workspace:')) {
      owner = await addWorkspace(state, request, locator);
      checkInSync(state, owner, entry);
    } else {
      owner = toPackage(
        state,
        entry as BerryEntry & { resolution: string },
        descriptors,
      );
      const pkg = graph.packages.get(owner)!;
      pkg.line ??= line;
    }
    state.owners.set(key, owner);
    for (const descriptor of descriptors) {
      state.byDescriptor.set(descriptor, owner);
      // `resolutions` name patches without the `::locator=` suffix.
      const cut = descriptor.indexOf('::');
      const bare = cut < 0 ? descriptor : descriptor.slice(0, cut);
      if (!state.byDescriptor.has(bare)) state.byDescriptor.set(bare, owner);
    }
  }

  // Yarn always locks the root workspace; without it the file was cut off
  // and what is left would describe only part of the project.
  const hasRootWorkspace = entries.some(([, entry]) =>
    entry?.resolution?.endsWith('@workspace:.'),
  );
  if (!hasRootWorkspace) {
    throw new InputError(
      'ERR_LOCKFILE_SYNTAX',
      'yarn.lock has no entry for the root workspace (name@workspace:.), so it ' +
        'looks truncated; restore it from version control or run yarn install',
      { file: request.path, line: request.text.split('\n').length },
    );
  }
  for (const [key, entry] of entries) addEdges(state, key, entry);
  return finishLockGraph(graph);
}
