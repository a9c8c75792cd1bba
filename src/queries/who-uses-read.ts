import { sql, type RawBuilder } from 'kysely';
import type { QmDatabase } from '../store/database.js';
import { dialectOf, type DialectName } from '../store/dialect.js';
import type { GroupRow } from './groups.js';
import type { MatchedPackage } from './match-packages.js';
import { SUMMARY_COLUMNS, type ServiceSummaryRow } from './service-summary.js';

/** Which stored packages a read covers: by (ecosystem, name), or by id. */
export type PackageSelection =
  | {
      names: string[];
      ecosystem?: string;
      pairs: { ecosystem: string; name: string }[];
    }
  | { ids: number[] };

export interface UsesPageOptions {
  relation?: 'direct' | 'transitive' | 'any';
  includeRetired?: boolean;
  limit: number;
  offset: number;
  /** Also read each page service's roots and edges. */
  graphs: boolean;
}

/** A stored package version with its id. */
export interface PackageRow extends MatchedPackage {
  id: number;
}

/** A package node of a page service's current snapshot that matched. */
export interface UseRow {
  node: number;
  package_id: number;
  scope: string;
  direct: number;
  file: string;
}

export interface PageService extends ServiceSummaryRow {
  id: number;
  current_snapshot_id: number;
  uses: UseRow[];
  /** With `graphs`: the snapshot's roots (JSON) and edges (base64). */
  roots?: string;
  edges?: string;
}

export interface UsesPage {
  /** By name: every package of the names; by id: those packages. */
  packages: PackageRow[];
  services: PageService[];
  total: number;
  /** Enough groups and users for the owner chains of the page. */
  groups: GroupRow[];
}

/**
 * Reads in one statement what who-uses lists: the selected packages, one
 * page of the live services whose current snapshot uses one of them (by
 * namespace and name in byte order, the total counted by a window over
 * the same rows), each service's matching package nodes, its graph when
 * asked, and the groups that owner chains can reach. Each round trip costs
 * PostgreSQL far more than the reads themselves on a busy machine.
 */
export async function readUsesPage(
  db: QmDatabase,
  selection: PackageSelection,
  options: UsesPageOptions,
): Promise<UsesPage> {
  const dialect = dialectOf(db);
  const { rows } = await usesPageStatement(dialect, selection, options).execute(
    db,
  );
  const head = rows.find((row) => row.part === 0);
  const page = rows.filter((row) => row.part === 1).sort(byNamespaceAndName);
  return {
    packages: jsonOf<PackageTuple>(head?.packages).map(toPackage),
    services: page.map((row) => toPageService(row, options.graphs)),
    total: Number(page[0]?.total ?? head?.total ?? 0),
    groups: jsonOf<GroupTuple>(head?.groups).map(toGroup),
  };
}

type PackageTuple = [number, string, string, string | null, string];
type GroupTuple = [
  string,
  string,
  string | null,
  string | null,
  string,
  string | null,
  string,
];
type UseTuple = [number, number, string, number, string];

interface StatementRow extends Partial<ServiceSummaryRow> {
  part: number;
  packages: unknown;
  groups: unknown;
  total: number | string | null;
  id: number | null;
  current_snapshot_id: number | null;
  uses: unknown;
  roots?: string | null;
  edges?: string | null;
}

/** The SQL pieces that differ between the two dialects and the options. */
interface Parts {
  agg(
    values: RawBuilder<unknown>,
    order?: RawBuilder<unknown>,
  ): RawBuilder<unknown>;
  collate: RawBuilder<unknown>;
  /** `and sp.direct = ...` for a relation filter. */
  relation: RawBuilder<unknown>;
  /** The live (or all) services joined to the snapshots using a package. */
  using: RawBuilder<unknown>;
}

const SERVICE_COLUMNS = ['id', 'current_snapshot_id', ...SUMMARY_COLUMNS];

function usesPageStatement(
  dialect: DialectName,
  selection: PackageSelection,
  options: UsesPageOptions,
): RawBuilder<StatementRow> {
  const parts = partsFor(dialect, options);
  // No ORDER BY: sorting would copy every graph; the caller sorts.
  return sql<StatementRow>`with pkg as (${packageRows(selection)}),
sel as (${selectedIds(selection)}),
${pageTables(parts, options)}
${headRow(parts, options)}
union all
${pageRows(parts, options)}`;
}

function partsFor(dialect: DialectName, options: UsesPageOptions): Parts {
  const live = options.includeRetired
    ? sql``
    : sql` where s.retired_at is null`;
  return {
    agg: (values, order) => {
      const by = order ? sql` order by ${order}` : sql``;
      return dialect === 'postgres'
        ? sql`json_agg(json_build_array(${values})${by})`
        : sql`json_group_array(json_array(${values})${by})`;
    },
    collate: sql.raw(dialect === 'postgres' ? ' collate "C"' : ''),
    relation:
      options.relation === 'direct'
        ? sql` and sp.direct = 1`
        : options.relation === 'transitive'
          ? sql` and sp.direct = 0`
          : sql``,
    using: sql`services s join hit on hit.snapshot_id = s.current_snapshot_id${live}`,
  };
}

/*
 * The snapshots using a package come from the package index, then meet
 * their services: a few thousand index rows, where probing the index once
 * per service and package version (PostgreSQL's choice without table
 * statistics) read ten times as many pages. Old snapshots' rows are read
 * too, so this grows with history until old snapshots are pruned. The
 * window and the sort carry ids only; the page's columns come after.
 */
function pageTables(parts: Parts, options: UsesPageOptions) {
  const { collate, relation, using } = parts;
  const columns = sql.join(SERVICE_COLUMNS.map((c) => sql.ref(`s.${c}`)));
  return sql`hit as materialized (
  select distinct sp.snapshot_id from snapshot_packages sp
  where sp.package_id in (select id from sel)${relation}
),
ids as (
  select s.id, count(*) over () as total
  from ${using}
  order by s.namespace${collate}, s.name${collate}
  limit ${options.limit} offset ${options.offset}
),
page as materialized (
  select ${columns}, ids.total from ids join services s on s.id = ids.id
)`;
}

/** The first row: packages, groups, and the total past the last page. */
function headRow(parts: Parts, options: UsesPageOptions) {
  const { agg, using } = parts;
  const nulls = sql.join(
    SERVICE_COLUMNS.map((c) => sql`null as ${sql.ref(c)}`),
  );
  // Users only when an owner or a parent names one: an organisation may
  // list thousands of them, and groups are few.
  const groups = sql`select ${agg(sql`g.ref, g.name, g.title, g.type, g.kind, g.parent, g.members`)}
    from groups g
    where lower(g.kind) <> 'user'
      or exists (select 1 from page where lower(page.owner) like '%user:%')
      or exists (select 1 from groups h where h.parent like 'user:%')`;
  const total =
    options.offset > 0
      ? sql`case when not exists (select 1 from page) then (select count(*) from ${using}) end`
      : sql`null`;
  const graph = options.graphs ? sql`, null as roots, null as edges` : sql``;
  return sql`select 0 as part,
    (select ${agg(sql`id, ecosystem, name, version, purl`)} from pkg) as packages,
    case when exists (select 1 from page) then (${groups}) end as groups,
    ${total} as total, ${nulls}, null as uses${graph}`;
}

/** One row per page service, with its matching nodes and its graph. */
function pageRows(parts: Parts, options: UsesPageOptions) {
  const { agg, relation } = parts;
  const columns = sql.join(SERVICE_COLUMNS.map((c) => sql.ref(`p.${c}`)));
  const uses = agg(
    sql`sp.node, sp.package_id, sp.scope, sp.direct, sp.file`,
    sql`sp.node`,
  );
  const graph = options.graphs
    ? sql`, sn.roots, sn.edges from page p left join snapshots sn on sn.id = p.current_snapshot_id`
    : sql` from page p`;
  return sql`select 1, null, null, p.total, ${columns},
    (select ${uses} from snapshot_packages sp
      where sp.snapshot_id = p.current_snapshot_id
        and sp.package_id in (select id from sel)${relation}) as uses${graph}`;
}

function packageRows(selection: PackageSelection): RawBuilder<unknown> {
  const head = sql`select id, ecosystem, name, version, purl from packages`;
  if ('ids' in selection) {
    return sql`${head} where id in (${sql.join(selection.ids)})`;
  }
  const ecosystem = selection.ecosystem
    ? sql` and ecosystem = ${selection.ecosystem}`
    : sql``;
  return sql`${head} where name in (${sql.join(selection.names)})${ecosystem}`;
}

// By name, each ecosystem keeps only the name as it normalises it.
function selectedIds(selection: PackageSelection): RawBuilder<unknown> {
  if ('ids' in selection) return sql`select id from pkg`;
  const pairs = selection.pairs.map(
    (p) => sql`(ecosystem = ${p.ecosystem} and name = ${p.name})`,
  );
  return sql`select id from pkg where ${sql.join(pairs, sql` or `)}`;
}

/** Byte order of the UTF-8 text, as both databases sort the page. */
function byNamespaceAndName(a: StatementRow, b: StatementRow): number {
  return (
    compareBytes(a.namespace!, b.namespace!) || compareBytes(a.name!, b.name!)
  );
}

function compareBytes(a: string, b: string): number {
  return a === b ? 0 : Buffer.compare(Buffer.from(a), Buffer.from(b));
}

// PostgreSQL's driver parses json; SQLite hands back text. An empty
// json_agg is null.
function jsonOf<T>(value: unknown): T[] {
  if (value === null || value === undefined) return [];
  return (typeof value === 'string' ? JSON.parse(value) : value) as T[];
}

function toPackage([id, ecosystem, name, version, purl]: PackageTuple) {
  return { id, ecosystem, name, version, purl };
}

function toGroup([ref, name, title, type, kind, parent, members]: GroupTuple) {
  return { ref, name, title, type, kind, parent, members };
}

function toPageService(raw: StatementRow, graphs: boolean): PageService {
  // Only the head row leaves the service columns null.
  const row = raw as StatementRow & Omit<PageService, 'uses'>;
  const service: PageService = {
    id: row.id,
    current_snapshot_id: row.current_snapshot_id,
    namespace: row.namespace,
    name: row.name,
    title: row.title,
    type: row.type,
    lifecycle: row.lifecycle,
    owner: row.owner,
    internet_facing: row.internet_facing,
    user_data: row.user_data,
    payment_path: row.payment_path,
    tags: row.tags,
    system: row.system,
    repository: row.repository,
    path: row.path,
    retired_at: row.retired_at,
    last_seen: row.last_seen,
    uses: jsonOf<UseTuple>(row.uses).map(toUse),
  };
  if (graphs) {
    service.roots = row.roots!;
    service.edges = row.edges!;
  }
  return service;
}

function toUse([node, package_id, scope, direct, file]: UseTuple): UseRow {
  return { node, package_id, scope, direct, file };
}
