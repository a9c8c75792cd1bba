import type { GroupRecord } from '../../core/catalog.js';
import type { QmDatabase } from '../database.js';
import { chunk, rowsPerInsert } from '../dialect.js';
import { normalizeEntityRef } from '../entity-ref.js';

function groupRow(group: GroupRecord) {
  const kind = group.kind.toLowerCase();
  return {
    ref: normalizeEntityRef(`${kind}:${group.namespace}/${group.name}`),
    namespace: group.namespace,
    name: group.name,
    kind: group.kind,
    type: group.type ?? null,
    title: group.title ?? null,
    parent: group.parent ? normalizeEntityRef(group.parent) : null,
    children: JSON.stringify(group.children.map((c) => normalizeEntityRef(c))),
    members: JSON.stringify(group.members),
  };
}

async function insertGroups(
  db: QmDatabase,
  groups: readonly GroupRecord[],
): Promise<void> {
  const rows = groups.map(groupRow);
  for (const part of chunk(rows, rowsPerInsert(9))) {
    await db
      .insertInto('groups')
      .values(part)
      .onConflict((oc) =>
        oc.column('ref').doUpdateSet((eb) => ({
          namespace: eb.ref('excluded.namespace'),
          name: eb.ref('excluded.name'),
          kind: eb.ref('excluded.kind'),
          type: eb.ref('excluded.type'),
          title: eb.ref('excluded.title'),
          parent: eb.ref('excluded.parent'),
          children: eb.ref('excluded.children'),
          members: eb.ref('excluded.members'),
        })),
      )
      .execute();
  }
}

/** Inserts or refreshes groups and users by entity ref; others stay. */
export async function upsertGroups(
  db: QmDatabase,
  groups: readonly GroupRecord[],
): Promise<void> {
  await db.transaction().execute((trx) => insertGroups(trx, groups));
}

/**
 * Replaces every group and user with `groups`, in one transaction, for a
 * scan that read the whole organisation; services keep their owner refs.
 */
export async function replaceGroups(
  db: QmDatabase,
  groups: readonly GroupRecord[],
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('groups').execute();
    await insertGroups(trx, groups);
  });
}
