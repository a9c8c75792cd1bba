import type { Scope } from '../../core/model.js';
import type { GraphBuilder } from '../graph-builder.js';

/** A root's declared dependency, resolved to a package key of the graph. */
export interface DirectDependency {
  key: string;
  scope: Scope;
  /** The root that declares it, when not the one passed to assignScopes. */
  from?: string;
}

const ORDER: Scope[] = ['prod', 'optional', 'test', 'dev'];

/**
 * Links the root to its direct dependencies and gives every package the
 * scope of the first root dependency kind that reaches it (prod before
 * optional before dev): a package only reachable from dev groups is dev.
 * Packages nothing reaches keep the scope the lockfile gave them.
 */
export function assignScopes(
  builder: GraphBuilder,
  rootKey: string,
  direct: readonly DirectDependency[],
): void {
  const children = new Map<string, string[]>();
  for (const edge of builder.graph.edges) {
    const list = children.get(edge.from);
    if (list) list.push(edge.to);
    else children.set(edge.from, [edge.to]);
  }
  for (const dep of direct) {
    builder.addEdge(dep.from ?? rootKey, dep.key, dep.scope);
    const pkg = builder.getPackage(dep.key);
    if (pkg) pkg.direct = true;
  }
  const seen = new Set<string>();
  for (const scope of ORDER) {
    const queue = direct.filter((d) => d.scope === scope).map((d) => d.key);
    for (let i = 0; i < queue.length; i++) {
      const key = queue[i] as string;
      if (seen.has(key)) continue;
      seen.add(key);
      const pkg = builder.getPackage(key);
      if (pkg) pkg.scope = scope;
      for (const child of children.get(key) ?? []) queue.push(child);
    }
  }
}

/**
 * Keys of packages no other package depends on: the best guess at what
 * the project asked for when its manifest is missing.
 */
export function topLevelKeys(builder: GraphBuilder): string[] {
  const targets = new Set(builder.graph.edges.map((e) => e.to));
  return builder.graph.packages
    .map((p) => p.key)
    .filter((key) => !targets.has(key));
}
