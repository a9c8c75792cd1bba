import type { EcosystemName } from '../core/model.js';
import type { QmDatabase } from '../store/database.js';
import { indexGroups } from './groups.js';
import {
  resolvePackageQuery,
  type MatchedPackage,
  type ResolvedPackageQuery,
} from './match-packages.js';
import { toServiceSummary, type ServiceSummary } from './service-summary.js';
import { addPaths, type DependencyPath } from './who-uses-paths.js';
import { readUsesPage, type PackageRow, type UseRow } from './who-uses-read.js';

export interface WhoUsesOptions {
  name?: string;
  /**
   * Exact version, or a range in the ecosystem's own syntax: npm semver
   * (`^7`), PEP 440 (`~=2.28`), Gem requirements (`~> 1.13`), Maven and
   * NuGet intervals (`[,30)`), Composer constraints (`^5.4`), comparator
   * lists for every ecosystem (`>=1.0,<2`); see version-filter.ts.
   */
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
 * Which services use a package, from their current snapshots: one
 * statement reads the package versions, one page of services with the
 * total, their matching nodes, owners' groups and (with `paths`) graphs.
 * A version or range is tested in code, so it costs one statement more
 * (the versions first); paths cost one more for the names along them.
 */
export async function whoUses(
  db: QmDatabase,
  options: WhoUsesOptions,
): Promise<WhoUsesResult> {
  const limit = options.limit ?? 50;
  const offset = options.offset ?? 0;
  const query = resolvePackageQuery(options);
  const pageOptions = { ...options, limit, offset, graphs: !!options.paths };
  const empty = { packages: [], total: 0, limit, offset, services: [] };

  const { names, ecosystem, pairs } = query;
  let read = pairs
    ? await readUsesPage(db, { names, ecosystem, pairs }, pageOptions)
    : undefined;
  // A version is tested in code, and SQL selected by name alone must
  // agree with the code (it would not for a stored ecosystem the code
  // does not know): otherwise the page is read again by package id.
  const packages = acceptedPackages(
    read?.packages ?? (await readPackages(db, query)),
    query,
  );
  if (packages.size === 0) return empty;
  if (!read || !sameSelection(read.packages, packages, query)) {
    read = await readUsesPage(db, { ids: [...packages.keys()] }, pageOptions);
  }

  const groups = indexGroups(read.groups);
  const result: WhoUsesService[] = read.services.map((row) => ({
    ...toServiceSummary(row, groups),
    snapshotId: row.current_snapshot_id,
    matches: mergeMatches(row.uses, packages),
  }));
  if (options.paths) {
    const purlById = new Map([...packages].map(([id, p]) => [id, p.purl]));
    await addPaths(db, result, read.services, purlById);
  }
  return {
    packages: [...packages.values()].sort((a, b) =>
      a.purl < b.purl ? -1 : a.purl > b.purl ? 1 : 0,
    ),
    total: read.total,
    limit,
    offset,
    services: result,
  };
}

/** The stored package versions of the query's names, before filtering. */
async function readPackages(
  db: QmDatabase,
  query: ResolvedPackageQuery,
): Promise<PackageRow[]> {
  let select = db
    .selectFrom('packages')
    .select(['id', 'ecosystem', 'name', 'version', 'purl'])
    .where('name', 'in', query.names);
  if (query.ecosystem) select = select.where('ecosystem', '=', query.ecosystem);
  return select.execute();
}

/** The package versions the query selects, by id. */
function acceptedPackages(
  rows: PackageRow[],
  query: ResolvedPackageQuery,
): Map<number, MatchedPackage> {
  const out = new Map<number, MatchedPackage>();
  for (const { id, ...row } of rows) if (query.accepts(row)) out.set(id, row);
  return out;
}

/** True when the pairs SQL selected by are exactly the accepted versions. */
function sameSelection(
  rows: PackageRow[],
  accepted: Map<number, MatchedPackage>,
  query: ResolvedPackageQuery,
): boolean {
  return rows.every(
    (row) =>
      accepted.has(row.id) ===
      !!query.pairs?.some(
        (p) => p.ecosystem === row.ecosystem && p.name === row.name,
      ),
  );
}

function mergeMatches(
  uses: readonly UseRow[],
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
