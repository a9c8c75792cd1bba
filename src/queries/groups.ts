import type { Selectable } from 'kysely';
import type { GroupsTable, QmDatabase } from '../store/database.js';
import { normalizeEntityRef } from '../store/entity-ref.js';

/** A group or user as queries show it. */
export interface GroupLink {
  /** Normalised entity ref, e.g. `group:default/team-payments`. */
  ref: string;
  name: string;
  title: string | null;
  /** `team`, `squad`, `tribe`, ... or null when the catalog says nothing. */
  type: string | null;
}

export interface GroupNode extends GroupLink {
  kind: string;
  parent: string | null;
  /** For users: the groups they belong to (entity refs, normalised). */
  memberOf: string[];
}

/** Every group and user by normalised ref; an organisation has few. */
export type GroupIndex = Map<string, GroupNode>;

/** The columns of a `groups` row that the index needs. */
export type GroupRow = Pick<
  Selectable<GroupsTable>,
  'ref' | 'name' | 'title' | 'type' | 'kind' | 'parent' | 'members'
>;

export async function loadGroups(db: QmDatabase): Promise<GroupIndex> {
  return indexGroups(await db.selectFrom('groups').selectAll().execute());
}

/** Indexes stored group and user rows by ref (users with their groups). */
export function indexGroups(rows: readonly GroupRow[]): GroupIndex {
  const index: GroupIndex = new Map();
  for (const row of rows) {
    const isUser = row.kind.toLowerCase() === 'user';
    index.set(row.ref, {
      ref: row.ref,
      name: row.name,
      title: row.title,
      type: row.type,
      kind: row.kind,
      parent: row.parent,
      memberOf: isUser
        ? (JSON.parse(row.members) as string[]).map((m) =>
            normalizeEntityRef(m),
          )
        : [],
    });
  }
  return index;
}

/**
 * The owner and its ancestors, nearest first (squad → tribe → ...). A user
 * continues with the first group it belongs to. An owner missing from the
 * catalog yields an empty chain; a parent loop stops where it repeats.
 */
export function ownerChain(groups: GroupIndex, owner: string): GroupLink[] {
  const chain: GroupLink[] = [];
  const seen = new Set<string>();
  let ref: string | null | undefined = normalizeEntityRef(owner);
  while (ref && !seen.has(ref)) {
    seen.add(ref);
    const node = groups.get(ref);
    if (!node) break;
    chain.push({
      ref: node.ref,
      name: node.name,
      title: node.title,
      type: node.type,
    });
    ref = node.kind.toLowerCase() === 'user' ? node.memberOf[0] : node.parent;
  }
  return chain;
}

/** Children of each group, from the parent links (children lists may lag). */
export function childrenIndex(groups: GroupIndex): Map<string, string[]> {
  const children = new Map<string, string[]>();
  for (const node of groups.values()) {
    if (!node.parent || node.kind.toLowerCase() === 'user') continue;
    const list = children.get(node.parent) ?? [];
    list.push(node.ref);
    children.set(node.parent, list);
  }
  return children;
}

/** A group's ref and every descendant group's ref. */
export function withDescendants(groups: GroupIndex, ref: string): string[] {
  const children = childrenIndex(groups);
  const out: string[] = [];
  const seen = new Set<string>();
  const queue = [normalizeEntityRef(ref)];
  while (queue.length > 0) {
    const next = queue.shift()!;
    if (seen.has(next)) continue;
    seen.add(next);
    out.push(next);
    queue.push(...(children.get(next) ?? []));
  }
  return out;
}
