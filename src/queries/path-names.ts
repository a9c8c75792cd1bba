import { sql } from 'kysely';
import type { QmDatabase } from '../store/database.js';
import { dialectOf } from '../store/dialect.js';

/** A package node of a snapshot, with its package's name and version. */
export interface NodeName {
  snapshot_id: number;
  node: number;
  name: string;
  version: string | null;
}

/**
 * Names and versions of the given (snapshot, node) pairs, in one query
 * joined to the pairs themselves, each a primary-key lookup. On
 * PostgreSQL each lookup says it finds one row (`limit 1`, which the keys
 * guarantee anyway): without table statistics the planner expects dozens
 * per pair, then hashes every stored package, or compiles the query
 * (JIT) for several milliseconds.
 */
export async function readNodeNames(
  db: QmDatabase,
  pairs: readonly (readonly [number, number])[],
): Promise<NodeName[]> {
  if (pairs.length === 0) return [];
  const query =
    dialectOf(db) === 'postgres'
      ? sql<NodeName>`select w.snapshot_id, w.node, p.name, p.version
from unnest(${pairs.map((p) => p[0])}::int4[], ${pairs.map((p) => p[1])}::int4[]) as w(snapshot_id, node)
cross join lateral (
  select package_id from snapshot_packages sp
  where sp.snapshot_id = w.snapshot_id and sp.node = w.node limit 1
) sp
cross join lateral (
  select name, version from packages where id = sp.package_id limit 1
) p`
      : sql<NodeName>`select sp.snapshot_id, sp.node, p.name, p.version
from json_each(${JSON.stringify(pairs)}) w
join snapshot_packages sp
  on sp.snapshot_id = w.value ->> 0 and sp.node = w.value ->> 1
join packages p on p.id = sp.package_id`;
  const { rows } = await query.execute(db);
  return rows;
}
