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
 * from roots carry the scope; deeper edges inherit it. Unreached packages
 * stay prod, the conservative choice for vulnerability response.
 */
export function assignScopes(
  packages: GraphPackage[],
  edges: GraphEdge[],
  rootKeys: ReadonlySet<string>,
): void {
  const children = new Map<string, string[]>();
  for (const edge of edges) {
    const list = children.get(edge.from);
    if (list) list.push(edge.to);
    else children.set(edge.from, [edge.to]);
  }
  const scopes = new Map<string, Scope>();
  for (const scope of SCOPE_ORDER) {
    const queue = edges
      .filter((e) => rootKeys.has(e.from) && (e.scope ?? 'prod') === scope)
      .map((e) => e.to);
    while (queue.length > 0) {
      const key = queue.pop() as string;
      if (scopes.has(key) || rootKeys.has(key)) continue;
      scopes.set(key, scope);
      for (const child of children.get(key) ?? []) queue.push(child);
    }
  }
  for (const pkg of packages) pkg.scope = scopes.get(pkg.key) ?? 'prod';
  const direct = new Set(
    edges.filter((e) => rootKeys.has(e.from)).map((e) => e.to),
  );
  for (const pkg of packages) pkg.direct = direct.has(pkg.key);
}
