import { sql, type Kysely } from 'kysely';
import { graphMetrics } from '../../core/graph-metrics.js';
import { decodeEdges } from '../snapshot-graph.js';

/** Snapshots read per query while recounting. */
const PAGE = 200;

interface SnapshotRow {
  id: number;
  roots: string;
  edges: string;
}

/**
 * Node path counts once went on through a root that another root depends
 * on (a reactor module, a workspace used by another), so a library below
 * many modules of one reactor counted up to a million paths where who-uses
 * counts two. Snapshots with an edge into a root are recounted, and their
 * findings take the new counts. Others are unchanged: the old count was
 * right for them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const store = db as Kysely<{ snapshots: SnapshotRow }>;
  let after = 0;
  for (;;) {
    const page = await store
      .selectFrom('snapshots')
      .select(['id', 'roots', 'edges'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(PAGE)
      .execute();
    if (page.length === 0) return;
    for (const snapshot of page) await recount(db, snapshot);
    after = page[page.length - 1]!.id;
  }
}

export async function down(): Promise<void> {
  // The old counts were wrong; there is nothing to go back to.
}

async function recount(db: Kysely<unknown>, snapshot: SnapshotRow) {
  const rootCount = (JSON.parse(snapshot.roots) as unknown[]).length;
  const edges = decodeEdges(snapshot.edges);
  let entersRoot = false;
  let nodeCount = rootCount;
  for (let i = 0; i + 1 < edges.length; i += 2) {
    if (edges[i + 1]! < rootCount) entersRoot = true;
    nodeCount = Math.max(nodeCount, edges[i]! + 1, edges[i + 1]! + 1);
  }
  if (!entersRoot) return;
  const stored = await sql<{
    node: number;
    depth: number | null;
    paths: number | null;
  }>`select node, depth, paths from snapshot_packages
    where snapshot_id = ${snapshot.id}`.execute(db);
  for (const row of stored.rows) nodeCount = Math.max(nodeCount, row.node + 1);
  const metrics = graphMetrics(nodeCount, rootCount, edges);
  // Only the nodes below a root that another root reaches change.
  const changed = stored.rows.filter((row) => {
    const m = metrics[row.node]!;
    return (
      Number(row.paths) !== m.paths ||
      (row.depth === null ? undefined : Number(row.depth)) !== m.depth
    );
  });
  if (changed.length === 0) return;
  // PostgreSQL runs each migration in a transaction; SQLite does not.
  const inTransaction = (work: (tx: Kysely<unknown>) => Promise<void>) =>
    db.isTransaction ? work(db) : db.transaction().execute(work);
  await inTransaction(async (tx) => {
    for (const { node } of changed) {
      const m = metrics[node]!;
      await sql`update snapshot_packages set depth = ${m.depth ?? null},
        paths = ${m.paths}
        where snapshot_id = ${snapshot.id} and node = ${node}`.execute(tx);
    }
    // A finding counts the paths of every node of its package, as matching does.
    await sql`update findings set paths = coalesce((
        select sum(sp.paths) from snapshot_packages sp
        where sp.snapshot_id = findings.snapshot_id
          and sp.package_id = findings.package_id), paths)
      where snapshot_id = ${snapshot.id}`.execute(tx);
  });
}
