import { normalizeEntityRef as normalizeCatalogRef } from '../catalog/entity-ref.js';

/**
 * The comparison key of a Backstage entity ref: the catalog's normal form
 * (`team-a` → `group:default/team-a`) in lower case, since Backstage
 * compares refs without case. A malformed ref is compared as written.
 */
export function normalizeEntityRef(
  ref: string,
  defaultKind = 'group',
  defaultNamespace = 'default',
): string {
  const trimmed = ref.trim();
  const normal = normalizeCatalogRef(trimmed, defaultKind, defaultNamespace);
  return (normal ?? trimmed).toLowerCase();
}
