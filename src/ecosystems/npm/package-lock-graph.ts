import type {
  DependencyGraph,
  GraphPackage,
  GraphRoot,
} from '../../core/model.js';
import type { PackageManifest } from './manifest.js';
import { checkRootDependency } from './package-lock-sync.js';
import type {
  LockDependency,
  LockFolder,
  LockTree,
} from './package-lock-tree.js';
import { createResolver, installName } from './package-lock-tree.js';
import { buildNpmPackage } from './spec.js';
import { WarningList } from './warning-list.js';

/** What {@link buildLockGraph} turns into a dependency graph. */
export interface LockGraphInput {
  tree: LockTree;
  /** Repository-relative path of the lockfile, and of its folder. */
  file: string;
  dir: string;
  /** package.json of the root ('') and of each workspace, by location. */
  manifests: Map<string, PackageManifest>;
  /** Locations of the workspace folders, relative to the lockfile. */
  workspaces: ReadonlySet<string>;
  /** Line of each entry by location, where known. */
  lines?: ReadonlyMap<string, number>;
}

/** A package or root whose declared dependencies become edges. */
interface Declarer {
  key: string;
  location: string;
  dependencies: LockDependency[];
  isRoot: boolean;
}

/**
 * Joins a lockfile's installed tree with its roots: every install location
 * becomes a package keyed by that location, every declared dependency an
 * edge to wherever Node would find it.
 */
export function buildLockGraph(input: LockGraphInput): DependencyGraph {
  const { tree, file } = input;
  const warnings = new WarningList(file);
  const rootKeys = new Map<string, string>();
  const roots = buildRoots(input, rootKeys);
  const byKey = new Map<string, GraphPackage>();
  const declarers: Declarer[] = roots.declarers;

  for (const node of tree.nodes.values()) {
    const pkg = buildNpmPackage({ ...node, key: node.location, file });
    const line = input.lines?.get(node.location);
    if (line !== undefined) pkg.line = line;
    byKey.set(node.location, pkg);
    declarers.push({
      key: node.location,
      location: node.location,
      dependencies: node.dependencies,
      isRoot: false,
    });
  }
  addLinkPackages(input, rootKeys, byKey, declarers);

  const graph: DependencyGraph = {
    roots: roots.list,
    packages: [...byKey.values()],
    edges: [],
    files: [file, ...[...input.manifests.values()].map((m) => m.file)],
    warnings: [],
  };
  addEdges({ input, graph, declarers, rootKeys, byKey, warnings });
  graph.warnings = warnings.list();
  return graph;
}

interface EdgeContext {
  input: LockGraphInput;
  graph: DependencyGraph;
  declarers: readonly Declarer[];
  rootKeys: ReadonlyMap<string, string>;
  byKey: ReadonlyMap<string, GraphPackage>;
  warnings: WarningList;
}

/** One edge per declared dependency that resolves; warnings for the rest. */
function addEdges(context: EdgeContext): void {
  const { tree } = context.input;
  const { byKey, warnings } = context;
  const resolve = createResolver(tree);
  const overridden = new Set(context.input.manifests.get('')?.overrides);
  const targetKey = (location: string): string | undefined => {
    if (tree.nodes.has(location)) return location;
    const target = tree.links.get(location);
    if (target === undefined) return undefined;
    return context.rootKeys.get(target) ?? target;
  };

  for (const declarer of context.declarers) {
    for (const dependency of declarer.dependencies) {
      const location = resolve(declarer.location, dependency.name);
      const to = location === undefined ? undefined : targetKey(location);
      if (declarer.isRoot) {
        checkRootDependency({
          dependency,
          root: declarer.location,
          resolved: to !== undefined,
          node: to === undefined ? undefined : tree.nodes.get(to),
          warnings,
          overridden,
        });
      } else if (to === undefined) {
        warnUnresolved(warnings, declarer, dependency);
      }
      if (to === undefined) continue;
      context.graph.edges.push({
        from: declarer.key,
        to,
        scope: dependency.scope,
      });
      const pkg = byKey.get(to);
      if (!pkg) continue;
      if (declarer.isRoot) pkg.direct = true;
      if (pkg.declared === undefined && pkg.source !== 'registry') {
        pkg.declared = dependency.spec;
      }
    }
  }
}

function buildRoots(
  input: LockGraphInput,
  rootKeys: Map<string, string>,
): { list: GraphRoot[]; declarers: Declarer[] } {
  const list: GraphRoot[] = [];
  const declarers: Declarer[] = [];
  for (const location of ['', ...input.workspaces]) {
    const manifest = input.manifests.get(location);
    const folder = input.tree.folders.get(location);
    const key = `root:${location || '.'}`;
    rootKeys.set(location, key);
    list.push({
      key,
      name: manifest?.name ?? folder?.name ?? folderName(input.dir, location),
      path: joinPath(input.dir, location),
      ecosystem: 'npm',
      file: manifest?.file ?? input.file,
    });
    declarers.push({
      key,
      location,
      dependencies: manifest
        ? manifestDependencies(manifest)
        : (folder?.dependencies ?? []),
      isRoot: true,
    });
  }
  return { list, declarers };
}

/**
 * Folders that are not roots are the targets of `file:` links: local
 * packages, kept with their version but marked, since no registry has them.
 */
function addLinkPackages(
  input: LockGraphInput,
  rootKeys: Map<string, string>,
  byKey: Map<string, GraphPackage>,
  declarers: Declarer[],
): void {
  const add = (
    location: string,
    folder: LockFolder | undefined,
    name: string,
  ) => {
    if (rootKeys.has(location) || byKey.has(location)) return;
    byKey.set(
      location,
      buildNpmPackage({
        key: location,
        name: folder?.name ?? name,
        version: folder?.version ?? null,
        source: 'link',
        scope: folder?.scope ?? 'prod',
        file: input.file,
        skipReason: 'local-dependency',
      }),
    );
    const dependencies = (folder?.dependencies ?? []).filter(
      (d) => d.scope !== 'dev',
    );
    declarers.push({ key: location, location, dependencies, isRoot: false });
  };
  for (const [link, target] of input.tree.links) {
    add(target, input.tree.folders.get(target), installName(link));
  }
  for (const [location, folder] of input.tree.folders) {
    add(location, folder, folderName('', location));
  }
}

/** A package.json's sections as dependencies; later sections win, as in npm. */
export function manifestDependencies(
  manifest: PackageManifest,
): LockDependency[] {
  const byName = new Map<string, LockDependency>();
  const sections = [
    [manifest.devDependencies, 'dev', false],
    // Peers of the project itself are its consumers' to install.
    [manifest.peerDependencies, 'peer', true],
    [manifest.dependencies, 'prod', false],
    [manifest.optionalDependencies, 'optional', true],
  ] as const;
  for (const [section, scope, optional] of sections) {
    for (const name in section) {
      byName.set(name, { name, spec: section[name] ?? '', scope, optional });
    }
  }
  return [...byName.values()];
}

function warnUnresolved(
  warnings: WarningList,
  declarer: Declarer,
  dependency: LockDependency,
): void {
  // Missing optional dependencies and peers are normal (other platforms,
  // peers left to the user with --legacy-peer-deps).
  if (dependency.optional || dependency.scope === 'peer') return;
  warnings.add(
    'ERR_LOCKFILE_UNRESOLVED',
    `${declarer.location} depends on ${dependency.name}@${dependency.spec} ` +
      'but the lockfile holds no such package where Node would look; ' +
      'the edge is left out; run npm install to repair the lockfile',
  );
}

export function joinPath(dir: string, location: string): string {
  if (!location) return dir;
  const parts = dir ? dir.split('/') : [];
  for (const part of location.split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.' && part !== '') parts.push(part);
  }
  return parts.join('/');
}

function folderName(dir: string, location: string): string {
  const path = joinPath(dir, location);
  return path.slice(path.lastIndexOf('/') + 1) || '.';
}
