import { NotFoundError } from '../../core/errors.js';
import type { Scope } from '../../core/model.js';
import type { QmDatabase } from '../../store/database.js';
import {
  findVulnerabilitiesNaming,
  readVulnerabilities,
} from '../../store/advisories/read-vulnerabilities.js';
import { readEnrichment } from '../../store/advisories/read-enrichment.js';
import { readServiceExposure } from '../../store/advisories/read-service-exposure.js';
import {
  readSnapshotPackages,
  type SnapshotForMatching,
} from '../../store/advisories/read-snapshot-packages.js';
import {
  readFirstSeen,
  replaceFindings,
  type FindingRow,
} from '../../store/advisories/write-findings.js';
import { exploitationOf, type Enrichment } from '../enrichment/types.js';
import type { Vulnerability } from '../model.js';
import { prioritize } from '../priority.js';
import { assessSeverity, type SeverityAssessment } from '../severity/assess.js';
import { graphMetrics } from './graph-metrics.js';
import { matchVulnerability } from './match-vulnerability.js';
import { packageKey } from './package-key.js';

export interface MatchOptions {
  /** KEV and EPSS to use; when absent, those stored by importEnrichment. */
  enrichment?: Enrichment;
  /** Time written as `first_seen` for new findings (default now). */
  now?: string;
}

/** One package of a snapshot, its nodes folded together. */
interface PackageUse {
  packageId: number;
  ecosystem: SnapshotForMatching['packages'][number]['ecosystem'];
  name: string;
  version: string;
  direct: boolean;
  scope: Scope;
  depth?: number;
  paths: number;
}

const NOT_SHIPPED = new Set<Scope>(['dev', 'test']);

function foldUses(snapshot: SnapshotForMatching): PackageUse[] {
  const nodeCount = Math.max(
    snapshot.rootCount,
    ...snapshot.packages.map((p) => p.node + 1),
  );
  const metrics = graphMetrics(nodeCount, snapshot.rootCount, snapshot.edges);
  const uses = new Map<number, PackageUse>();
  for (const p of snapshot.packages) {
    if (p.version === null) continue; // unresolved: no version to match
    const m = metrics[p.node] ?? { paths: 0 };
    const use = uses.get(p.packageId);
    if (!use) {
      uses.set(p.packageId, {
        ...p,
        version: p.version,
        depth: m.depth,
        paths: m.paths,
      });
      continue;
    }
    use.direct ||= p.direct;
    // A package shipped anywhere counts as shipped.
    if (NOT_SHIPPED.has(use.scope) && !NOT_SHIPPED.has(p.scope))
      use.scope = p.scope;
    if (
      m.depth !== undefined &&
      (use.depth === undefined || m.depth < use.depth)
    )
      use.depth = m.depth;
    use.paths += m.paths;
  }
  return [...uses.values()];
}

function indexByPackage(
  vulnerabilities: Iterable<Vulnerability>,
): Map<string, Vulnerability[]> {
  const index = new Map<string, Vulnerability[]>();
  for (const v of vulnerabilities) {
    const keys = new Set(
      v.affected.map(
        (a) => `${a.ecosystem}\n${packageKey(a.ecosystem, a.name)}`,
      ),
    );
    for (const key of keys) index.set(key, [...(index.get(key) ?? []), v]);
  }
  return index;
}

/**
 * Matches one snapshot's packages against the stored advisories and
 * rewrites its findings. With `vulnerabilityIds`, only those are checked
 * and only their findings replaced (a new or changed advisory). Returns
 * the number of findings written. Throws NotFoundError ERR_SNAPSHOT_NOT_FOUND.
 */
export async function matchSnapshot(
  db: QmDatabase,
  snapshotId: number,
  options: MatchOptions = {},
  vulnerabilityIds?: readonly string[],
): Promise<number> {
  const snapshot = await readSnapshotPackages(db, snapshotId);
  if (!snapshot)
    throw new NotFoundError(
      'ERR_SNAPSHOT_NOT_FOUND',
      `snapshot ${snapshotId} does not exist; scan the service first`,
    );
  const uses = foldUses(snapshot);
  const ids =
    vulnerabilityIds ??
    (await findVulnerabilitiesNaming(
      db,
      uses.map((u) => ({
        ecosystem: u.ecosystem,
        nameKey: packageKey(u.ecosystem, u.name),
      })),
    ));
  const vulnerabilities = [...(await readVulnerabilities(db, ids)).values()];
  const index = indexByPackage(vulnerabilities);
  const enrichment =
    options.enrichment ??
    (await readEnrichment(
      db,
      vulnerabilities.flatMap((v) => v.ids),
    ));
  const exposure = await readServiceExposure(db, snapshot.serviceId);
  const firstSeen = await readFirstSeen(db, snapshot.serviceId);
  const severities = new Map<string, SeverityAssessment>();
  const now = options.now ?? new Date().toISOString();

  const rows: FindingRow[] = [];
  for (const use of uses) {
    for (const v of index.get(
      `${use.ecosystem}\n${packageKey(use.ecosystem, use.name)}`,
    ) ?? []) {
      const match = matchVulnerability(v, use);
      if (!match) continue;
      const severity = severities.get(v.id) ?? assessSeverity(v);
      severities.set(v.id, severity);
      const result = prioritize({
        severity: severity.level,
        score: severity.score,
        ...exploitationOf(v.ids, enrichment),
        exposure,
        scope: use.scope,
        direct: use.direct,
        depth: use.depth,
        fixedVersions: match.fixedVersions,
      });
      rows.push({
        serviceId: snapshot.serviceId,
        snapshotId,
        packageId: use.packageId,
        vulnerabilityId: v.id,
        direct: use.direct,
        depth: use.depth,
        paths: use.paths,
        scope: use.scope,
        firstSeen: firstSeen.get(`${use.packageId}|${v.id}`) ?? now,
        fixedVersions: match.fixedVersions,
        severity: severity.level,
        priority: result.priority,
        points: result.points,
        reasons: result.reasons,
      });
    }
  }
  await db
    .transaction()
    .execute((tx) =>
      replaceFindings(tx, { snapshotId, vulnerabilityIds, rows }),
    );
  return rows.length;
}
