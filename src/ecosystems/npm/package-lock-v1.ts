import type {
  LockDependency,
  LockNode,
  LockTree,
} from './package-lock-tree.js';
import {
  childLocation,
  installName,
  createResolver,
} from './package-lock-tree.js';
import { scopeOf } from './package-lock-v2.js';
import {
  parseAlias,
  skipReasonOf,
  sourceOfResolved,
  sourceOfSpec,
} from './spec.js';

/** One entry of a v1 `dependencies` tree, as far as we read it. */
interface V1Entry {
  version?: unknown;
  resolved?: unknown;
  dev?: unknown;
  optional?: unknown;
  bundled?: unknown;
  requires?: unknown;
  dependencies?: unknown;
}

// A plain version; anything else in a v1 `version` is a spec (git, file, url).
const PLAIN_VERSION = /^\d+\.\d+\.\d+(?:[-+][\w.+-]*)?$/;

/**
 * Reads the nested `dependencies` tree of a v1 lockfile into install
 * locations: an entry nested under `a` lives at `node_modules/a/node_modules/b`,
 * which is where Node finds it from `a` and nowhere else. v1 has no root
 * entry; the root folder carries no dependencies (package.json gives them).
 */
export function readDependenciesTree(dependencies: unknown): LockTree {
  const tree: LockTree = {
    nodes: new Map(),
    links: new Map(),
    folders: new Map([['', { location: '', scope: 'prod', dependencies: [] }]]),
  };
  addLevel(tree, '', dependencies);
  return tree;
}

// A work list rather than recursion: hostile nesting must not blow the stack.
function addLevel(tree: LockTree, parent: string, level: unknown): void {
  const pending: [string, unknown][] = [[parent, level]];
  for (let item = pending.pop(); item; item = pending.pop()) {
    const [dir, entries] = item;
    if (!entries || typeof entries !== 'object') continue;
    for (const [name, entry] of Object.entries(
      entries as Record<string, V1Entry>,
    )) {
      if (!entry || typeof entry !== 'object') continue;
      const location = childLocation(dir, name);
      tree.nodes.set(location, readNode(location, name, entry));
      pending.push([location, entry.dependencies]);
    }
  }
}

function readNode(location: string, name: string, entry: V1Entry): LockNode {
  const raw = typeof entry.version === 'string' ? entry.version : '';
  const resolved =
    typeof entry.resolved === 'string' ? entry.resolved : undefined;
  const node: LockNode = {
    location,
    name,
    version: raw,
    source: sourceOfResolved(resolved),
    scope: scopeOf(entry),
    bundled: entry.bundled === true,
    dependencies: readRequires(entry.requires),
  };

  const alias = parseAlias(raw);
  if (alias) {
    node.name = alias.name;
    node.version = alias.range;
    node.source = 'alias';
    node.declared = raw;
  } else if (!PLAIN_VERSION.test(raw)) {
    // git, file and url entries keep the spec where the version would be.
    node.source = raw ? sourceOfSpec(raw) : node.source;
    node.version = null;
    node.declared = raw;
    node.skipReason = skipReasonOf(node.source);
  }
  return node;
}

/** v1 `requires` names every dependency with its range, sections merged. */
function readRequires(requires: unknown): LockDependency[] {
  if (!requires || typeof requires !== 'object') return [];
  const out: LockDependency[] = [];
  for (const [name, spec] of Object.entries(requires)) {
    if (typeof spec !== 'string') continue;
    out.push({ name, spec, scope: 'prod', optional: false });
  }
  return out;
}

/**
 * v1 has no root entry: without a package.json the direct dependencies are
 * guessed as the top-level entries that no other entry requires.
 */
export function inferRootDependencies(tree: LockTree): LockDependency[] {
  const required = new Set<string>();
  const resolve = createResolver(tree);
  for (const node of tree.nodes.values()) {
    for (const dependency of node.dependencies) {
      const found = resolve(node.location, dependency.name);
      if (found !== undefined) required.add(found);
    }
  }
  const out: LockDependency[] = [];
  for (const node of tree.nodes.values()) {
    const name = installName(node.location);
    if (
      required.has(node.location) ||
      node.location !== `node_modules/${name}`
    ) {
      continue;
    }
    const spec = node.declared ?? node.version ?? '';
    out.push({ name, spec, scope: node.scope, optional: false });
  }
  return out;
}
