/**
 * Backstage entity references, normalised to `kind:namespace/name` so that
 * `team-a`, `group:team-a` and `group:default/team-a` compare equal.
 */

export const DEFAULT_NAMESPACE = 'default';

export interface EntityRef {
  kind: string;
  namespace: string;
  name: string;
}

/**
 * Reads `[kind:][namespace/]name`. The kind defaults to `defaultKind` (the
 * kind the field expects: `group` for an owner, `system` for a system) and
 * the namespace to `defaultNamespace` (the referring entity's, as Backstage
 * does). Kinds are lower-cased; Backstage compares them without case.
 * Returns undefined for an empty or malformed reference.
 */
export function parseEntityRef(
  text: string,
  defaultKind: string,
  defaultNamespace = DEFAULT_NAMESPACE,
): EntityRef | undefined {
  const trimmed = text.trim();
  const colon = trimmed.indexOf(':');
  const kind = colon > 0 ? trimmed.slice(0, colon) : defaultKind;
  const rest = colon > 0 ? trimmed.slice(colon + 1) : trimmed;
  const slash = rest.indexOf('/');
  const namespace = slash > 0 ? rest.slice(0, slash) : defaultNamespace;
  const name = slash > 0 ? rest.slice(slash + 1) : rest;

  if (!name || name.includes('/') || name.includes(':')) return undefined;
  return { kind: kind.toLowerCase(), namespace, name };
}

export function stringifyEntityRef(ref: EntityRef): string {
  return `${ref.kind}:${ref.namespace}/${ref.name}`;
}

/** {@link parseEntityRef} then {@link stringifyEntityRef}; undefined when malformed. */
export function normalizeEntityRef(
  text: string,
  defaultKind: string,
  defaultNamespace = DEFAULT_NAMESPACE,
): string | undefined {
  const ref = parseEntityRef(text, defaultKind, defaultNamespace);
  return ref ? stringifyEntityRef(ref) : undefined;
}
