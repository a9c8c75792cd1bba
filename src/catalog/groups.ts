import type { GroupRecord } from '../core/catalog.js';
import type { CatalogEntity } from './backstage-entities.js';

function add(map: Map<string, Set<string>>, key: string, value: string) {
  const set = map.get(key) ?? new Set<string>();
  set.add(value);
  map.set(key, set);
}

function sorted(set: Set<string> | undefined): string[] {
  return [...(set ?? [])].sort();
}

/**
 * Groups and users from every Group and User entity, with the hierarchy
 * filled in both ways: a group's children are its `spec.children` plus the
 * groups naming it as `spec.parent`, and its parent is `spec.parent` or the
 * group listing it as a child, so that squads roll up to tribes. Group
 * members likewise join `spec.members` and users' `spec.memberOf`. The
 * first entity of a ref wins; later duplicates are ignored.
 */
export function buildGroups(entities: readonly CatalogEntity[]): GroupRecord[] {
  const parents = new Map<string, string>();
  const children = new Map<string, Set<string>>();
  const members = new Map<string, Set<string>>();
  const seen = new Map<string, CatalogEntity>();

  for (const entity of entities) {
    if (entity.kind !== 'Group' && entity.kind !== 'User') continue;
    if (seen.has(entity.ref)) continue;
    seen.set(entity.ref, entity);
    if (entity.kind === 'Group') {
      if (entity.parent) add(children, entity.parent, entity.ref);
      if (entity.parent) parents.set(entity.ref, entity.parent);
      entity.children.forEach((c) => add(children, entity.ref, c));
      entity.members.forEach((m) => add(members, entity.ref, m));
      entity.members.forEach((m) => add(members, m, entity.ref));
    } else {
      entity.memberOf.forEach((g) => add(members, entity.ref, g));
      entity.memberOf.forEach((g) => add(members, g, entity.ref));
    }
  }
  for (const [parent, kids] of children) {
    for (const child of kids)
      if (!parents.has(child)) parents.set(child, parent);
  }

  return [...seen.values()].map((entity) => ({
    namespace: entity.namespace,
    name: entity.name,
    kind: entity.kind as 'Group' | 'User',
    type: entity.kind === 'Group' ? entity.type : undefined,
    title: entity.title,
    parent: parents.get(entity.ref),
    children: entity.kind === 'Group' ? sorted(children.get(entity.ref)) : [],
    members: sorted(members.get(entity.ref)),
  }));
}
