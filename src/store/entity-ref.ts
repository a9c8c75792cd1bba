/**
 * Backstage entity refs (`kind:namespace/name`), compared case-insensitively
 * as Backstage does. A bare `name` or `namespace/name` takes the default kind
 * and namespace, so an owner written `team-a` finds `group:default/team-a`.
 */
export function normalizeEntityRef(
  ref: string,
  defaultKind = 'group',
  defaultNamespace = 'default',
): string {
  const trimmed = ref.trim().toLowerCase();
  const colon = trimmed.indexOf(':');
  const kind = colon > 0 ? trimmed.slice(0, colon) : defaultKind;
  const rest = colon > 0 ? trimmed.slice(colon + 1) : trimmed;
  const slash = rest.indexOf('/');
  const namespace = slash > 0 ? rest.slice(0, slash) : defaultNamespace;
  const name = slash > 0 ? rest.slice(slash + 1) : rest;
  return `${kind}:${namespace}/${name}`;
}
