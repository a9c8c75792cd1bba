import type { EcosystemName } from '../../core/model.js';
import type { QmDatabase } from '../../store/database.js';
import { findService } from '../../queries/find-service.js';
import {
  listFindings,
  type FindingView,
} from '../../store/advisories/list-findings.js';
import {
  listServices,
  type ExposureFilter,
} from '../../queries/list-services.js';
import type { Priority } from '../priority.js';
import { dueDate } from './sla.js';

/** Filters of `quartermaster vulns`; every given one must hold. */
export interface VulnsFilters {
  severity?: readonly string[];
  priority?: readonly Priority[];
  /** Owner entity ref, exactly. */
  owner?: string;
  /** A group and every group below it. */
  group?: string;
  service?: string;
  ecosystem?: EcosystemName;
  exposure?: ExposureFilter;
  relation?: 'direct' | 'transitive';
  fixAvailable?: boolean;
}

/** A decision as `vulns --all` shows it beside the finding it covers. */
export interface AppliedDecision {
  status: string;
  justification?: string;
  reason: string;
  author: string;
  expires?: string;
  /** `organisation` or the service the decision names. */
  scope: string;
}

/** A finding with its due date and, when one applies, its decision. */
export interface VulnRow extends FindingView {
  /** YYYY-MM-DD from `policies.slaDays`, when the priority has an SLA. */
  due?: string;
  decision?: AppliedDecision;
}

/** The `--json` shape of `quartermaster vulns`. */
export interface VulnsResult {
  total: number;
  /** Findings left out because a decision covers them (without `all`). */
  hidden: number;
  findings: VulnRow[];
}

export interface ListVulnsOptions {
  slaDays?: Readonly<Record<string, number>>;
  /** Also list decided findings (with their decision). */
  all?: boolean;
  /** The decision covering a finding, if any (see decisions/apply.ts). */
  decisionFor?: (finding: FindingView) => AppliedDecision | undefined;
}

/** The `namespace/name` of the services an owner, group or exposure filter allows. */
async function allowedServices(
  db: QmDatabase,
  filters: VulnsFilters,
): Promise<string[] | undefined> {
  if (!filters.owner && !filters.group && !filters.exposure) return undefined;
  const { services } = await listServices(db, {
    owner: filters.owner,
    group: filters.group,
    exposure: filters.exposure,
  });
  return services.map((s) => `${s.namespace}/${s.name}`);
}

/**
 * Findings of the current snapshots, filtered, each with its due date;
 * findings a live decision covers are hidden unless `all` is set.
 */
export async function listVulns(
  db: QmDatabase,
  filters: VulnsFilters = {},
  options: ListVulnsOptions = {},
): Promise<VulnsResult> {
  // An unknown service is an error, not "no findings": a typo in a CI
  // step must not pass.
  const service = filters.service
    ? await findService(db, filters.service)
    : undefined;
  const findings = await listFindings(db, {
    service: service && `${service.namespace}/${service.name}`,
    ecosystem: filters.ecosystem,
    priority: filters.priority,
    severity: filters.severity,
    serviceKeys: await allowedServices(db, filters),
    relation: filters.relation,
    fixAvailable: filters.fixAvailable,
  });

  let hidden = 0;
  const rows: VulnRow[] = [];
  for (const finding of findings) {
    const decision = options.decisionFor?.(finding);
    if (decision && !options.all) {
      hidden += 1;
      continue;
    }
    const due = dueDate(finding.firstSeen, finding.priority, options.slaDays);
    rows.push({ ...finding, due, decision });
  }
  return { total: rows.length, hidden, findings: rows };
}
