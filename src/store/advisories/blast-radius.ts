import { NotFoundError } from '../../core/errors.js';
import type { QmDatabase } from '../database.js';
import { listFindings, type FindingView } from './list-findings.js';
import { advisoryTables } from './tables.js';

/** One service hit by a vulnerability, with its affected package versions. */
export interface BlastRadiusService {
  namespace: string;
  name: string;
  owner: string;
  /** The most urgent priority among its findings. */
  priority: string;
  findings: FindingView[];
}

/** Who a vulnerability reaches; `advisory <id> --json` prints this. */
export interface BlastRadius {
  vulnerability: {
    id: string;
    ids: string[];
    summary?: string;
    severity: string;
    score?: number;
    vector?: string;
    withdrawn?: string;
    modified: string;
  };
  /** Source records merged into it, e.g. a GHSA and its GO- twin. */
  records: Array<{
    id: string;
    modified: string;
    withdrawn?: string;
    source: string;
  }>;
  services: BlastRadiusService[];
  /** Distinct package versions (purls) affected across services. */
  packageVersions: number;
  byPriority: Record<string, number>;
}

/**
 * The id as typed and as databases write it (`CVE-2021-44228`,
 * `GHSA-jfh8-c2jp-5v3q`: upper-case prefix, GHSA's body in lower case), so
 * that `advisory ghsa-JFH8-...` finds it too.
 */
function spellingsOf(id: string): string[] {
  const typed = id.trim();
  const spellings = new Set([typed, typed.toUpperCase()]);
  if (/^ghsa-/i.test(typed))
    spellings.add(`GHSA-${typed.slice(5).toLowerCase()}`);
  return [...spellings];
}

async function resolveVulnerability(store: QmDatabase, id: string) {
  const db = advisoryTables(store);
  const row = await db
    .selectFrom('advisory_ids as i')
    .innerJoin('advisories as a', 'a.id', 'i.advisory_id')
    .innerJoin('vulnerabilities as v', 'v.id', 'a.vulnerability_id')
    .selectAll('v')
    .where('i.alias', 'in', spellingsOf(id))
    .executeTakeFirst();
  if (!row)
    throw new NotFoundError(
      'ERR_ADVISORY_NOT_FOUND',
      `no imported advisory has the id or alias "${id}"; import advisories first or check the id`,
    );
  return row;
}

/**
 * Every service whose current snapshot holds a version affected by the
 * vulnerability known by `id` (any of its ids or aliases). Throws
 * NotFoundError ERR_ADVISORY_NOT_FOUND for an unknown id.
 */
export async function blastRadius(
  store: QmDatabase,
  id: string,
): Promise<BlastRadius> {
  const vulnerability = await resolveVulnerability(store, id);
  const records = await advisoryTables(store)
    .selectFrom('advisories')
    .select(['id', 'modified', 'withdrawn', 'source'])
    .where('vulnerability_id', '=', vulnerability.id)
    .orderBy('id')
    .execute();
  const findings = await listFindings(store, {
    vulnerability: vulnerability.id,
  });

  const services = new Map<string, BlastRadiusService>();
  for (const finding of findings) {
    const key = `${finding.service.namespace}/${finding.service.name}`;
    const entry = services.get(key) ?? {
      ...finding.service,
      priority: finding.priority,
      findings: [],
    };
    entry.findings.push(finding);
    if (finding.priority < entry.priority) entry.priority = finding.priority;
    services.set(key, entry);
  }
  const byPriority: Record<string, number> = {};
  for (const s of services.values())
    byPriority[s.priority] = (byPriority[s.priority] ?? 0) + 1;

  return {
    vulnerability: {
      id: vulnerability.id,
      ids: JSON.parse(vulnerability.ids) as string[],
      summary: vulnerability.summary ?? undefined,
      severity: vulnerability.severity,
      score: vulnerability.severity_score ?? undefined,
      vector: vulnerability.severity_vector ?? undefined,
      withdrawn: vulnerability.withdrawn ?? undefined,
      modified: vulnerability.modified,
    },
    records: records.map((r) => ({
      ...r,
      withdrawn: r.withdrawn ?? undefined,
    })),
    services: [...services.values()].sort(
      (a, b) =>
        a.priority.localeCompare(b.priority) || a.name.localeCompare(b.name),
    ),
    packageVersions: new Set(findings.map((f) => f.package.purl)).size,
    byPriority,
  };
}
