/**
 * Triage decisions: a person's word that a finding does not need fixing,
 * for one service or the whole organisation, until it expires.
 */
export const DECISION_STATUSES = [
  'not_affected',
  'accepted_risk',
  'false_positive',
] as const;
export type DecisionStatus = (typeof DECISION_STATUSES)[number];

/** The VEX justifications (OpenVEX spelling; CycloneDX maps from them). */
export const VEX_JUSTIFICATIONS = [
  'component_not_present',
  'vulnerable_code_not_present',
  'vulnerable_code_not_in_execute_path',
  'vulnerable_code_cannot_be_controlled_by_adversary',
  'inline_mitigations_already_exist',
] as const;
export type VexJustification = (typeof VEX_JUSTIFICATIONS)[number];

/** One decision, as stored and as `decisions --json` prints it. */
export interface Decision {
  /** The id it was made on: GHSA, CVE or any alias. */
  advisoryId: string;
  /** `namespace/name`; absent for organisation-wide. */
  service?: string;
  /** Only this package version (a normalised purl); absent for any package. */
  purl?: string;
  status: DecisionStatus;
  /**
   * Required by `decide` for `not_affected`; one imported from OpenVEX may
   * lack it, which OpenVEX allows when an impact statement (the reason)
   * says why.
   */
  justification?: VexJustification;
  reason: string;
  author: string;
  createdAt: string;
  /** ISO time after which the decision stops applying. */
  expiresAt?: string;
}

/** True while the decision applies at `now`. */
export function isLive(decision: Decision, now: string): boolean {
  return decision.expiresAt === undefined || decision.expiresAt > now;
}
