import type { EcosystemName } from '../../core/model.js';
import { sql } from 'kysely';
import { memberOf } from '../bulk-sql.js';
import type { QmDatabase } from '../database.js';
import { advisoryTables } from './tables.js';

/** Narrows `listFindings`; every field optional, all given ones must hold. */
export interface FindingFilters {
  /** Service name, or `namespace/name`. */
  service?: string;
  /** Owner entity ref, e.g. `group:default/payments`. */
  owner?: string;
  ecosystem?: EcosystemName;
  /** Package name as the inventory holds it. */
  package?: string;
  /** Any id of the vulnerability: GHSA, CVE, GO-, PYSEC-, ... */
  vulnerability?: string;
  priority?: ReadonlyArray<'P1' | 'P2' | 'P3' | 'P4'>;
  severity?: readonly string[];
  /** Leave out dev and test dependencies. */
  runtimeOnly?: boolean;
  /** Only these services, as `namespace/name` (an empty list matches none). */
  serviceKeys?: readonly string[];
  /** Packages the service declares itself, or only those it pulls in. */
  relation?: 'direct' | 'transitive';
  /** Only findings with at least one fixed version. */
  fixAvailable?: boolean;
  limit?: number;
}

/** One finding in the current snapshot of a service; `vulns --json` prints these. */
export interface FindingView {
  service: { namespace: string; name: string; owner: string };
  package: {
    ecosystem: string;
    name: string;
    version: string | null;
    purl: string;
  };
  vulnerability: {
    id: string;
    ids: string[];
    summary?: string;
    severity: string;
    score?: number;
  };
  priority: string;
  points: number;
  reasons: string[];
  fixedVersions: string[];
  direct: boolean;
  depth?: number;
  paths: number;
  scope: string;
  firstSeen: string;
}

const PRIORITY_ORDER = ['P1', 'P2', 'P3', 'P4'];

/**
 * Findings of the current snapshots of services not retired, most urgent
 * first (priority, then points, then service and package).
 */
export async function listFindings(
  store: QmDatabase,
  filters: FindingFilters = {},
): Promise<FindingView[]> {
  const db = advisoryTables(store);
  let query = db
    .selectFrom('findings as f')
    .innerJoin('services as s', (join) =>
      join
        .onRef('s.id', '=', 'f.service_id')
        .onRef('s.current_snapshot_id', '=', 'f.snapshot_id'),
    )
    .innerJoin('packages as p', 'p.id', 'f.package_id')
    .innerJoin('vulnerabilities as v', 'v.id', 'f.vulnerability_id')
    .innerJoin('finding_reasons as fr', 'fr.id', 'f.reasons_id')
    .selectAll('f')
    .select([
      'fr.reasons',
      's.namespace',
      's.name as service_name',
      's.owner',
      'p.ecosystem',
      'p.name as package_name',
      'p.version',
      'p.purl',
      'v.ids',
      'v.summary',
      'v.severity_score',
    ])
    .where('s.retired_at', 'is', null);

  if (filters.service) {
    const [namespace, name] = filters.service.includes('/')
      ? filters.service.split('/', 2)
      : [undefined, filters.service];
    query = query.where('s.name', '=', name as string);
    if (namespace) query = query.where('s.namespace', '=', namespace);
  }
  if (filters.owner) query = query.where('s.owner', '=', filters.owner);
  if (filters.ecosystem)
    query = query.where('p.ecosystem', '=', filters.ecosystem);
  if (filters.package) query = query.where('p.name', '=', filters.package);
  if (filters.vulnerability) {
    const id = filters.vulnerability;
    query = query.where('f.vulnerability_id', 'in', (eb) =>
      eb
        .selectFrom('advisory_ids as i')
        .innerJoin('advisories as a', 'a.id', 'i.advisory_id')
        .select('a.vulnerability_id')
        .where('i.alias', '=', id),
    );
  }
  if (filters.priority?.length)
    query = query.where('f.priority', 'in', [...filters.priority]);
  if (filters.severity?.length)
    query = query.where('f.severity', 'in', [...filters.severity]);
  if (filters.runtimeOnly)
    query = query.where('f.scope', 'not in', ['dev', 'test']);
  if (filters.serviceKeys) {
    const key = sql`s.namespace || '/' || s.name`;
    query = query.where(memberOf(store, key, filters.serviceKeys, 'text'));
  }
  if (filters.relation)
    query = query.where('f.direct', '=', filters.relation === 'direct' ? 1 : 0);
  if (filters.fixAvailable) query = query.where('f.fixed_versions', '<>', '[]');

  const rows = await query.execute();
  const views = rows.map((r): FindingView => ({
    service: { namespace: r.namespace, name: r.service_name, owner: r.owner },
    package: {
      ecosystem: r.ecosystem,
      name: r.package_name,
      version: r.version,
      purl: r.purl,
    },
    vulnerability: {
      id: r.vulnerability_id,
      ids: JSON.parse(r.ids) as string[],
      summary: r.summary ?? undefined,
      severity: r.severity,
      score: r.severity_score ?? undefined,
    },
    priority: r.priority,
    points: r.points,
    reasons: JSON.parse(r.reasons) as string[],
    fixedVersions: JSON.parse(r.fixed_versions) as string[],
    direct: r.direct === 1,
    depth: r.depth ?? undefined,
    paths: r.paths,
    scope: r.scope,
    firstSeen: r.first_seen,
  }));
  views.sort(
    (a, b) =>
      PRIORITY_ORDER.indexOf(a.priority) - PRIORITY_ORDER.indexOf(b.priority) ||
      b.points - a.points ||
      a.service.name.localeCompare(b.service.name) ||
      a.package.purl.localeCompare(b.package.purl) ||
      a.vulnerability.id.localeCompare(b.vulnerability.id),
  );
  return filters.limit === undefined ? views : views.slice(0, filters.limit);
}
