import type { Selectable } from 'kysely';
import type { EcosystemName } from '../core/model.js';
import type { QmDatabase, ServicesTable } from '../store/database.js';
import { chunk } from '../store/dialect.js';
import { loadGroups } from './groups.js';
import {
  resolvePackageQuery,
  type MatchedPackage,
  type ResolvedPackageQuery,
} from './match-packages.js';
import {
  compareServices,
  toServiceSummary,
  type ServiceSummary,
} from './service-summary.js';
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
  /** The package versions selected that the services use (before paging). */
  packages: MatchedPackage[];
  /** Services using any of them (before paging). */
  total: number;
  limit: number;
  offset: number;
  services: WhoUsesService[];
}

interface UseRow extends MatchedPackage {
  service_id: number;
  service_namespace: string;
  service_name: string;
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
 * Which services use a package, from their current snapshots: one indexed
 * read from the package's name to its snapshot rows and their services,
 * versions filtered in code, then service details and (with `paths`) the
 * graphs for the requested page only.
 */
export async function whoUses(
  db: QmDatabase,
  options: WhoUsesOptions,
): Promise<WhoUsesResult> {
  const limit = options.limit ?? 50;
  const offset = options.offset ?? 0;
  const query = resolvePackageQuery(options);
  // Two independent reads; on PostgreSQL they share the round trip time.
  const [rows, groups] = await Promise.all([
    readUses(db, query, options),
    loadGroups(db),
  ]);
  const uses = rows.filter((row) => query.accepts(row));

  const byService = new Map<number, UseRow[]>();
  const packages = new Map<number, MatchedPackage>();
  for (const use of uses) {
    const list = byService.get(use.service_id);
    if (list) list.push(use);
    else byService.set(use.service_id, [use]);
    if (!packages.has(use.package_id)) {
      const { ecosystem, name, version, purl } = use;
      packages.set(use.package_id, { ecosystem, name, version, purl });
    }
  }
  // Sort and page on the few columns read with the uses; full rows are
  // read for the page only.
  const names = new Map<number, { namespace: string; name: string }>();
  for (const use of uses) {
    names.set(use.service_id, {
      namespace: use.service_namespace,
      name: use.service_name,
    });
  }
  const ordered = [...names].sort(([, a], [, b]) => compareServices(a, b));
  const pageIds = ordered.slice(offset, offset + limit).map(([id]) => id);
  const page = await readServices(db, pageIds);

  const result: WhoUsesService[] = page.map((row) => ({
    ...toServiceSummary(row, groups),
    snapshotId: row.current_snapshot_id!,
    matches: mergeMatches(byService.get(row.id)!),
  }));
  if (options.paths) {
    const purlById = new Map([...packages].map(([id, p]) => [id, p.purl]));
    await addPaths(db, result, byService, page, purlById);
  }
  return {
    packages: [...packages.values()].sort((a, b) =>
      a.purl < b.purl ? -1 : a.purl > b.purl ? 1 : 0,
    ),
    total: ordered.length,
    limit,
    offset,
    services: result,
  };
}

async function readUses(
  db: QmDatabase,
  query: ResolvedPackageQuery,
  options: WhoUsesOptions,
): Promise<UseRow[]> {
  let select = db
    .selectFrom('packages as p')
    .innerJoin('snapshot_packages as sp', 'sp.package_id', 'p.id')
    .innerJoin('services as s', 's.current_snapshot_id', 'sp.snapshot_id')
    .select([
      's.id as service_id',
      's.namespace as service_namespace',
      's.name as service_name',
      'sp.snapshot_id',
      'sp.node',
      'sp.package_id',
      'sp.scope',
      'sp.direct',
      'sp.file',
      'p.ecosystem',
      'p.name',
      'p.version',
      'p.purl',
    ])
    .where('p.name', 'in', query.names);
  if (query.ecosystem)
    select = select.where('p.ecosystem', '=', query.ecosystem);
  if (!options.includeRetired)
    select = select.where('s.retired_at', 'is', null);
  if (options.relation === 'direct') select = select.where('sp.direct', '=', 1);
  if (options.relation === 'transitive') {
    select = select.where('sp.direct', '=', 0);
  }
  return select.execute();
}

async function readServices(
  db: QmDatabase,
  ids: number[],
): Promise<Selectable<ServicesTable>[]> {
  const byId = new Map<number, Selectable<ServicesTable>>();
  for (const part of chunk(ids, 1000)) {
    const rows = await db
      .selectFrom('services')
      .selectAll()
      .where('id', 'in', part)
      .execute();
    for (const row of rows) byId.set(row.id, row);
  }
  return ids.map((id) => byId.get(id)!);
}

function mergeMatches(uses: UseRow[]): WhoUsesMatch[] {
  const merged = new Map<number, WhoUsesMatch>();
  for (const use of uses) {
    const pkg = use;
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
