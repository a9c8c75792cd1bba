import type { GraphEdge, GraphPackage, Scope } from '../../core/model.js';

/** Strongest first: a package reached both ways takes the earlier scope. */
export const SCOPE_ORDER: readonly Scope[] = [
  'prod',
  'optional',
  'dev',
  'test',
];

/**
 * Gives each package the strongest scope it is reached with: prod when some
 * chain from a root starts with a prod edge, then optional, dev, test. Edges
 * from roots carry the scope (other scopes count as prod); deeper edges
 * inherit it. Unreached packages stay prod, the conservative choice for
 * vulnerability response. Also sets `direct` for targets of root edges.
 */
export function assignScopes(
  packages: GraphPackage[],
  edges: GraphEdge[],
  rootKeys: ReadonlySet<string>,
): void {
  const children = new Map<string, string[]>();
  const seeds: string[][] = SCOPE_ORDER.map(() => []);
  const direct = new Set<string>();
  for (const edge of edges) {
    if (rootKeys.has(edge.from)) {
      const rank = SCOPE_ORDER.indexOf(edge.scope ?? 'prod');
      seeds[rank < 0 ? 0 : rank]?.push(edge.to);
      direct.add(edge.to);
      continue;
    }
    const list = children.get(edge.from);
    if (list) list.push(edge.to);
    else children.set(edge.from, [edge.to]);
  }
  const scopes = new Map<string, Scope>();
  SCOPE_ORDER.forEach((scope, rank) => {
    const stack = seeds[rank] ?? [];
    for (let key = stack.pop(); key !== undefined; key = stack.pop()) {
      if (scopes.has(key) || rootKeys.has(key)) continue;
      scopes.set(key, scope);
      const next = children.get(key);
      if (next) for (const child of next) stack.push(child);
    }
  });
  for (const pkg of packages) {
    pkg.scope = scopes.get(pkg.key) ?? 'prod';
    pkg.direct = direct.has(pkg.key);
  }
}
