import { UNOWNED } from '../core/catalog.js';
import type { QmDatabase } from '../store/database.js';
import { normalizeEntityRef } from '../store/entity-ref.js';
import {
  childrenIndex,
  loadGroups,
  type GroupIndex,
  type GroupLink,
} from './groups.js';

interface Tally {
  services: number;
  /** Package entries summed over the services' current snapshots. */
  packages: number;
}

/** One group in the hierarchy, with what it owns. */
export interface OwnerRollupGroup extends GroupLink {
  /** Services whose owner is this group (or one of its members). */
  direct: Tally;
  /** Including every group below it. */
  total: Tally;
  children: OwnerRollupGroup[];
}

/** The `--json` shape of `quartermaster owners`. */
export interface OwnerRollupResult {
  /** Top-level groups, each with its subgroups nested. */
  groups: OwnerRollupGroup[];
  /** Services nobody owns (`unowned`). */
  unowned: Tally & { names: string[] };
  /** Owner refs that name no group or user of the catalog. */
  unknownOwners: (Tally & { owner: string })[];
}

/**
 * Who owns what: live services per group, directly and with descendants.
 * Package counts add up snapshot entries (a library used by two services
 * counts twice), which is what it costs to keep them current.
 */
export async function ownerRollup(db: QmDatabase): Promise<OwnerRollupResult> {
  const rows = await db
    .selectFrom('services as s')
    .leftJoin('snapshots as sn', 'sn.id', 's.current_snapshot_id')
    .select([
      's.namespace',
      's.name',
      's.owner',
      'sn.package_count',
      'sn.package_versions',
    ])
    .where('s.retired_at', 'is', null)
    .orderBy('s.namespace')
    .orderBy('s.name')
    .execute();
  const groups = await loadGroups(db);

  const byOwner = new Map<string, Tally>();
  const unowned = { services: 0, packages: 0, names: [] as string[] };
  const unknown = new Map<string, Tally>();
  for (const row of rows) {
    const packages = row.package_versions ?? row.package_count ?? 0;
    if (row.owner === UNOWNED) {
      add(unowned, packages);
      unowned.names.push(`${row.namespace}/${row.name}`);
      continue;
    }
    const ref = owningGroup(groups, normalizeEntityRef(row.owner));
    if (!groups.has(ref)) add(tally(unknown, row.owner), packages);
    else add(tally(byOwner, ref), packages);
  }
  return {
    groups: arrange(groups, byOwner),
    unowned,
    unknownOwners: [...unknown].map(([owner, t]) => ({ owner, ...t })),
  };
}

// A service owned by a person counts for that person's first group.
function owningGroup(groups: GroupIndex, ref: string): string {
  const node = groups.get(ref);
  if (node?.kind.toLowerCase() === 'user' && node.memberOf[0]) {
    return groups.has(node.memberOf[0]) ? node.memberOf[0] : ref;
  }
  return ref;
}

function arrange(
  groups: GroupIndex,
  byOwner: Map<string, Tally>,
): OwnerRollupGroup[] {
  const children = childrenIndex(groups);
  const build = (ref: string, seen: Set<string>): OwnerRollupGroup => {
    const node = groups.get(ref)!;
    seen.add(ref);
    const kids = (children.get(ref) ?? [])
      .filter((k) => groups.has(k) && !seen.has(k))
      .sort()
      .map((k) => build(k, seen));
    const direct = byOwner.get(ref) ?? { services: 0, packages: 0 };
    const total = { ...direct };
    for (const kid of kids) {
      total.services += kid.total.services;
      total.packages += kid.total.packages;
    }
    const { ref: r, name, title, type } = node;
    return { ref: r, name, title, type, direct, total, children: kids };
  };
  const seen = new Set<string>();
  const candidates = [...groups.values()]
    .filter((g) => g.kind.toLowerCase() !== 'user')
    .map((g) => g.ref)
    .sort();
  const tops = candidates.filter((ref) => {
    const parent = groups.get(ref)!.parent;
    return !parent || !groups.has(parent);
  });
  const out = tops.map((ref) => build(ref, seen));
  // Groups in a parent cycle (a's parent b, b's parent a) have no top:
  // each cycle is shown from its first group by name rather than lost.
  for (const ref of candidates) if (!seen.has(ref)) out.push(build(ref, seen));
  return out;
}

function tally(map: Map<string, Tally>, key: string): Tally {
  let t = map.get(key);
  if (!t) {
    t = { services: 0, packages: 0 };
    map.set(key, t);
  }
  return t;
}

function add(t: Tally, packages: number): void {
  t.services += 1;
  t.packages += packages;
}
