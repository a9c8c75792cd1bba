import type { GraphPackage } from '../../core/model.js';
import { npmPurl } from './spec.js';
import type { RepositoryFiles } from '../types.js';
import {
  addLockEdge,
  rootKeyOf,
  type DependencyKind,
  type LockGraph,
} from './lock-graph.js';
import {
  dirOf,
  findWorkspaceManifests,
  readPackageManifest,
  type PackageManifest,
} from './manifest.js';

/** The four sections of a package.json, in the order a lockfile reads them. */
export const MANIFEST_SECTIONS = [
  ['dependencies', 'prod'],
  ['optionalDependencies', 'optional'],
  ['devDependencies', 'dev'],
  ['peerDependencies', 'peer'],
] as const satisfies readonly (readonly [string, DependencyKind])[];

/** A root manifest of a lockfile with its graph key. */
export interface LockRoot {
  key: string;
  manifest: PackageManifest;
}

/** Records a manifest as a root of the graph and as a consumed file. */
export function addManifestRoot(
  graph: LockGraph,
  manifest: PackageManifest,
): LockRoot {
  const key = rootKeyOf(manifest.dir);
  graph.roots.push({
    key,
    name: manifest.name ?? (manifest.dir || '.'),
    path: manifest.dir,
    ecosystem: 'npm',
    file: manifest.file,
  });
  graph.files.add(manifest.file);
  return { key, manifest };
}

/**
 * The package.json beside the lockfile and those of the workspaces its
 * `workspaces` globs name (npm and yarn style), added as roots.
 */
export async function readWorkspaceRoots(
  graph: LockGraph,
  repository: RepositoryFiles,
  lockfile: string,
): Promise<LockRoot[]> {
  const dir = dirOf(lockfile);
  const rootFile = dir ? `${dir}/package.json` : 'package.json';
  const root = await readPackageManifest(repository, rootFile);
  if (!root) {
    graph.warnings.push({
      file: lockfile,
      code: 'ERR_LOCKFILE_NO_MANIFEST',
      message: `no package.json beside ${lockfile}; packages are listed without roots`,
    });
    return [];
  }

  const roots = [addManifestRoot(graph, root)];
  for (const file of findWorkspaceManifests(repository, dir, root.workspaces)) {
    const manifest = await readPackageManifest(repository, file);
    if (manifest) roots.push(addManifestRoot(graph, manifest));
  }
  return roots;
}

/**
 * Makes a workspace a package too (source `workspace`, keyed like its root),
 * so that a dependency of one workspace on another is an edge and paths
 * continue through the depended-on workspace's own dependencies.
 */
export function linkWorkspace(
  graph: LockGraph,
  from: string,
  target: LockRoot,
  kind: DependencyKind,
): void {
  if (!graph.packages.has(target.key)) {
    const { manifest } = target;
    const name = manifest.name ?? (manifest.dir || '.');
    const pkg: GraphPackage = {
      key: target.key,
      ecosystem: 'npm',
      name,
      version: manifest.version ?? null,
      purl: npmPurl(name, manifest.version ?? null),
      source: 'workspace',
      scope: 'prod',
      direct: false,
      file: manifest.file,
    };
    graph.packages.set(target.key, pkg);
  }
  addLockEdge(graph, from, target.key, kind);
}

/** Warns that a manifest dependency has no lockfile entry. */
export function warnOutOfSync(
  graph: LockGraph,
  options: {
    lockfile: string;
    manifest: PackageManifest;
    name: string;
    range: string;
  },
): void {
  graph.warnings.push({
    file: options.manifest.file,
    code: 'ERR_LOCKFILE_OUT_OF_SYNC',
    message:
      `${options.name}@${options.range} is in ${options.manifest.file} but not in ` +
      `${options.lockfile}; run the package manager's install to update the lockfile`,
  });
}
