import { sql, type Selectable } from 'kysely';
import type { EcosystemName } from '../core/model.js';
import type { QmDatabase, ServicesTable } from '../store/database.js';
import { dialectOf } from '../store/dialect.js';
import { loadGroups } from './groups.js';
import {
  resolvePackageQuery,
  type MatchedPackage,
  type ResolvedPackageQuery,
} from './match-packages.js';
import { toServiceSummary, type ServiceSummary } from './service-summary.js';
import { addPaths, type DependencyPath } from './who-uses-paths.js';

export interface WhoUsesOptions {
  name?: string;
  /** Exact version, or for npm any semver range (`<4.17.21`, `^7`). */
  version?: string;
  ecosystem?: EcosystemName;
  /** A purl selects by ecosystem, name and (if given) exact version. */
  purl?: string;
  /** Keep only direct or only transitive uses; default `any`. */
  relation?: 'direct' | 'transitive' | 'any';
  /** Add the shortest path and the count of other paths to each match. */
  paths?: boolean;
  /** Services per page (default 50), after `offset` services. */
  limit?: number;
  offset?: number;
  includeRetired?: boolean;
}

/** One package version a service uses, merged over its install places. */
export interface WhoUsesMatch {
  ecosystem: string;
  name: string;
  version: string | null;
  purl: string;
  /** The widest scope among its places (prod before dev, ...). */
  scope: string;
  /** True when a root depends on it directly in at least one place. */
  direct: boolean;
  /** Files that declared it, sorted. */
  files: string[];
  /** With `paths`: the shortest path from a root; absent otherwise. */
  path?: DependencyPath;
  /** With `paths`: how many other distinct paths reach it. */
  otherPaths?: number;
  /** With `paths`: true when counting stopped (the count is a lower bound, "1000+"). */
  otherPathsCapped?: boolean;
}

export interface WhoUsesService extends ServiceSummary {
  /** Snapshot the matches come from (the current one). */
  snapshotId: number;
  matches: WhoUsesMatch[];
}

/** The `--json` shape of `quartermaster who-uses`. */
export interface WhoUsesResult {
  /** Every stored package version the query selected, whoever uses it. */
  packages: MatchedPackage[];
  /** Services using any of them (before paging). */
  total: number;
  limit: number;
  offset: number;
  services: WhoUsesService[];
}

interface UseRow {
  service_id: number;
  snapshot_id: number;
  node: number;
  package_id: number;
  scope: string;
  direct: number;
  file: string;
}

const SCOPE_ORDER = [
  'prod',
  'runtime',
  'system',
  'provided',
  'peer',
  'optional',
  'test',
  'dev',
];

/**
 * Which services use a package, from their current snapshots: the package
 * versions by name (versions filtered in code), then one page of services
 * with the total, then the matching rows, and (with `paths`) the graphs of
 * that page only.
 */
export async function whoUses(
  db: QmDatabase,
  options: WhoUsesOptions,
): Promise<WhoUsesResult> {
  const limit = options.limit ?? 50;
  const offset = options.offset ?? 0;
  const query = resolvePackageQuery(options);
  const packages = await readPackages(db, query);
  const empty = { packages: [], total: 0, limit, offset, services: [] };
  if (packages.size === 0) return empty;

  const ids = [...packages.keys()];
  // Independent reads; on PostgreSQL they share the round trip time.
  const [page, groups] = await Promise.all([
    readPage(db, ids, { ...options, limit, offset }),
    loadGroups(db),
  ]);
  const total = page.total ?? (await countServices(db, ids, options));
  const uses = await readUses(db, ids, page.rows, options);
  const byService = new Map<number, UseRow[]>();
  for (const use of uses) {
    const list = byService.get(use.service_id);
    if (list) list.push(use);
    else byService.set(use.service_id, [use]);
  }

  const result: WhoUsesService[] = page.rows.map((row) => ({
    ...toServiceSummary(row, groups),
    snapshotId: row.current_snapshot_id!,
    matches: mergeMatches(byService.get(row.id) ?? [], packages),
  }));
  if (options.paths) {
    const purlById = new Map([...packages].map(([id, p]) => [id, p.purl]));
    await addPaths(db, result, byService, page.rows, purlById);
  }
  return {
    packages: [...packages.values()].sort((a, b) =>
      a.purl < b.purl ? -1 : a.purl > b.purl ? 1 : 0,
    ),
    total,
    limit,
    offset,
    services: result,
  };
}

/** The stored package versions the query selects, by id. */
async function readPackages(
  db: QmDatabase,
  query: ResolvedPackageQuery,
): Promise<Map<number, MatchedPackage>> {
  let select = db
    .selectFrom('packages')
    .select(['id', 'ecosystem', 'name', 'version', 'purl'])
    .where('name', 'in', query.names);
  if (query.ecosystem) select = select.where('ecosystem', '=', query.ecosystem);
  const rows = await select.execute();
  const out = new Map<number, MatchedPackage>();
  for (const { id, ...row } of rows) if (query.accepts(row)) out.set(id, row);
  return out;
}

/** Services whose current snapshot holds one of `ids`, as a subquery. */
function usingServices(db: QmDatabase, ids: number[], options: WhoUsesOptions) {
  let sub = db
    .selectFrom('snapshot_packages as sp')
    .innerJoin('services as u', 'u.current_snapshot_id', 'sp.snapshot_id')
    .select('u.id')
    .where('sp.package_id', 'in', ids);
  if (options.relation === 'direct') sub = sub.where('sp.direct', '=', 1);
  if (options.relation === 'transitive') sub = sub.where('sp.direct', '=', 0);
  return sub;
}

/**
 * One page of using services, ordered by namespace and name, with the
 * total counted by the database (a window over the same rows), so a
 * package used everywhere still sends back 50 rows, not 2,000.
 */
async function readPage(
  db: QmDatabase,
  ids: number[],
  options: WhoUsesOptions & { limit: number; offset: number },
): Promise<{ rows: Selectable<ServicesTable>[]; total?: number }> {
  let select = db
    .selectFrom('services as s')
    .selectAll('s')
    .select(sql<number | string>`count(*) over ()`.as('total_count'))
    .where('s.id', 'in', usingServices(db, ids, options));
  if (!options.includeRetired)
    select = select.where('s.retired_at', 'is', null);
  // Byte order on both databases, as SQLite sorts and as JSON consumers
  // expect, whatever collation the PostgreSQL database was created with.
  const collate = dialectOf(db) === 'postgres' ? ' collate "C"' : '';
  const rows = await select
    .orderBy(sql.raw(`s.namespace${collate}`))
    .orderBy(sql.raw(`s.name${collate}`))
    .limit(options.limit)
    .offset(options.offset)
    .execute();
  if (rows.length === 0 && options.offset > 0) return { rows: [] };
  const total = rows.length === 0 ? 0 : Number(rows[0]!.total_count);
  return { rows: rows.map(({ total_count: _, ...row }) => row), total };
}

// Only needed when the page lies past the end.
async function countServices(
  db: QmDatabase,
  ids: number[],
  options: WhoUsesOptions,
): Promise<number> {
  let select = db
    .selectFrom('services as s')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('s.id', 'in', usingServices(db, ids, options));
  if (!options.includeRetired)
    select = select.where('s.retired_at', 'is', null);
  const row = await select.executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The matching package nodes of the page's services. */
async function readUses(
  db: QmDatabase,
  ids: number[],
  page: Selectable<ServicesTable>[],
  options: WhoUsesOptions,
): Promise<UseRow[]> {
  if (page.length === 0) return [];
  const serviceOf = new Map(
    page.map((row) => [row.current_snapshot_id!, row.id]),
  );
  // The unary plus keeps SQLite on the package index (a few thousand
  // entries) instead of reading every row of each snapshot; PostgreSQL
  // ignores it.
  let select = db
    .selectFrom('snapshot_packages as sp')
    .select([
      'sp.snapshot_id',
      'sp.node',
      'sp.package_id',
      'sp.scope',
      'sp.direct',
      'sp.file',
    ])
    .where('sp.package_id', 'in', ids)
    .where(sql<number>`+sp.snapshot_id`, 'in', [...serviceOf.keys()]);
  if (options.relation === 'direct') select = select.where('sp.direct', '=', 1);
  if (options.relation === 'transitive') {
    select = select.where('sp.direct', '=', 0);
  }
  const rows = await select.execute();
  return rows.map((row) => ({
    ...row,
    service_id: serviceOf.get(row.snapshot_id)!,
  }));
}

function mergeMatches(
  uses: UseRow[],
  packages: Map<number, MatchedPackage>,
): WhoUsesMatch[] {
  const merged = new Map<number, WhoUsesMatch>();
  for (const use of uses) {
    const pkg = packages.get(use.package_id)!;
    const match = merged.get(use.package_id);
    if (!match) {
      merged.set(use.package_id, {
        ecosystem: pkg.ecosystem,
        name: pkg.name,
        version: pkg.version,
        purl: pkg.purl,
        scope: use.scope,
        direct: use.direct === 1,
        files: [use.file],
      });
      continue;
    }
    match.direct ||= use.direct === 1;
    if (rank(use.scope) < rank(match.scope)) match.scope = use.scope;
    if (!match.files.includes(use.file)) match.files.push(use.file);
  }
  for (const match of merged.values()) match.files.sort();
  return [...merged.values()].sort((a, b) =>
    a.purl < b.purl ? -1 : a.purl > b.purl ? 1 : 0,
  );
}

function rank(scope: string): number {
  const index = SCOPE_ORDER.indexOf(scope);
  return index < 0 ? SCOPE_ORDER.length : index;
}
