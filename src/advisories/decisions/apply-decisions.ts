import type { FindingView } from '../../store/advisories/list-findings.js';
import type { AppliedDecision } from './list-vulns.js';
import { isLive, type Decision } from './model.js';

function specificity(d: Decision): number {
  return (d.service ? 2 : 0) + (d.purl ? 1 : 0);
}

function covers(d: Decision, f: FindingView, ids: Set<string>): boolean {
  if (!ids.has(d.advisoryId.toUpperCase())) return false;
  if (d.service && d.service !== `${f.service.namespace}/${f.service.name}`)
    return false;
  return !d.purl || d.purl === f.package.purl;
}

/**
 * The function `listVulns` asks for each finding: the most specific live
 * decision naming any of the vulnerability's ids (service and package
 * beat organisation-wide); expired decisions never apply.
 */
export function decisionLookup(
  decisions: readonly Decision[],
  now: string = new Date().toISOString(),
): (finding: FindingView) => AppliedDecision | undefined {
  const live = decisions
    .filter((d) => isLive(d, now))
    .sort((a, b) => specificity(b) - specificity(a));
  return (finding) => {
    const ids = new Set(finding.vulnerability.ids.map((i) => i.toUpperCase()));
    const d = live.find((candidate) => covers(candidate, finding, ids));
    if (!d) return undefined;
    return {
      status: d.status,
      justification: d.justification,
      reason: d.reason,
      author: d.author,
      expires: d.expiresAt,
      scope: d.service ?? 'organisation',
    };
  };
}
