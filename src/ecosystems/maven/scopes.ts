/**
 * Maven's scope rules for transitive dependencies (Aether's
 * JavaScopeDeriver and JavaScopeSelector).
 */

/** The scope a dependency gets below a parent of scope `parent`. */
export function deriveScope(parent: string, child: string): string {
  if (child === 'system' || child === 'test') return child;
  if (parent === 'compile') return child;
  if (parent === 'test' || parent === 'runtime') return parent;
  if (parent === 'system' || parent === 'provided') return 'provided';
  return 'runtime';
}

/** The widest of several scopes: compile, then runtime, provided, test. */
export function widestScope(scopes: Set<string>): string {
  if (scopes.size > 1) scopes.delete('system');
  if (scopes.size === 1) return scopes.values().next().value as string;
  for (const scope of ['compile', 'runtime', 'provided', 'test']) {
    if (scopes.has(scope)) return scope;
  }
  return 'compile';
}

/** Scopes whose dependencies do not pass on to dependents. */
export function isTransitiveScope(scope: string | undefined): boolean {
  return scope !== 'test' && scope !== 'provided';
}
