import type { Scope, SourceKind } from '../../core/model.js';

/**
 * The installed tree of a package-lock.json, whatever its version: v1's
 * nested `dependencies` and v2/v3's flat `packages` both become this, keyed
 * by install location relative to the lockfile's folder
 * (`node_modules/a/node_modules/b`), so one resolver serves both.
 */

/** One dependency as declared by a package, a workspace or the root. */
export interface LockDependency {
  /** The name it is installed under (the alias name for `npm:` aliases). */
  name: string;
  spec: string;
  scope: Scope;
  /** Optional dependencies and optional peers may be absent without harm. */
  optional: boolean;
}

/** One installed package (a folder below some node_modules). */
export interface LockNode {
  location: string;
  /** The real package name (the alias target for aliases). */
  name: string;
  version: string | null;
  declared?: string;
  source: SourceKind;
  scope: Scope;
  bundled: boolean;
  skipReason?: string;
  dependencies: LockDependency[];
}

/** The root, a workspace or the target folder of a `file:` link. */
export interface LockFolder {
  location: string;
  name?: string;
  version?: string;
  scope: Scope;
  dependencies: LockDependency[];
  /** Workspace globs (root only). */
  workspaces?: string[];
}

export interface LockTree {
  nodes: Map<string, LockNode>;
  /** Link install location → target folder location. */
  links: Map<string, string>;
  /** Folders by location; the root is ''. */
  folders: Map<string, LockFolder>;
}

/** The location of the package name `name` under the folder `dir`. */
export function childLocation(dir: string, name: string): string {
  return dir === '' ? `node_modules/${name}` : `${dir}/node_modules/${name}`;
}

/** The folder Node searches after `dir`, skipping node_modules folders. */
function parentFolder(dir: string): string {
  const slash = dir.lastIndexOf('/');
  if (slash < 0) return '';
  const parent = dir.slice(0, slash);
  if (parent === 'node_modules') return '';
  if (parent.endsWith('/node_modules')) return parent.slice(0, -13);
  return parent;
}

/** Finds where a package name resolves from a given location. */
export type Resolver = (from: string, name: string) => string | undefined;

/**
 * Where `name`, required from the package at `from`, is installed: Node's
 * walk up through each enclosing node_modules. The resolver returns the
 * location of a node or a link, or undefined when nothing on the way holds
 * it. Folders are indexed once, so each step is a lookup, not a new string.
 */
export function createResolver(tree: LockTree): Resolver {
  const children = new Map<string, Map<string, string>>();
  const index = (location: string) => {
    const at = location.lastIndexOf('node_modules/');
    const dir = at <= 0 ? '' : location.slice(0, at - 1);
    let names = children.get(dir);
    if (!names) children.set(dir, (names = new Map()));
    names.set(location.slice(at + 13), location);
  };
  for (const location of tree.nodes.keys()) index(location);
  for (const location of tree.links.keys()) index(location);

  const parents = new Map<string, string>();
  return (from, name) => {
    for (let dir = from; ;) {
      const found = children.get(dir)?.get(name);
      if (found !== undefined) return found;
      if (dir === '') return undefined;
      let parent = parents.get(dir);
      if (parent === undefined) parents.set(dir, (parent = parentFolder(dir)));
      dir = parent;
    }
  };
}

/** The name a package is installed under, read from its location. */
export function installName(location: string): string {
  const at = location.lastIndexOf('node_modules/');
  return at < 0 ? location : location.slice(at + 13);
}
