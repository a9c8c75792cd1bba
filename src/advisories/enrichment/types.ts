import type { EpssScore } from './epss.js';
import type { KevCatalog } from './kev.js';

/** Exploitation data that raises a finding's priority; both parts optional. */
export interface Enrichment {
  kev?: KevCatalog;
  /** EPSS scores by upper-case CVE id. */
  epss?: Map<string, EpssScore>;
}

/** What the enrichment says about a vulnerability with these ids. */
export function exploitationOf(
  ids: readonly string[],
  enrichment: Enrichment = {},
): { knownExploited: boolean; epss?: number } {
  const cves = ids
    .map((id) => id.toUpperCase())
    .filter((id) => id.startsWith('CVE-'));
  const knownExploited = cves.some(
    (cve) => enrichment.kev?.entries.has(cve) ?? false,
  );
  const scores = cves.flatMap((cve) => enrichment.epss?.get(cve)?.epss ?? []);
  return {
    knownExploited,
    epss: scores.length > 0 ? Math.max(...scores) : undefined,
  };
}
