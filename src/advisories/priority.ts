import type { Exposure } from '../core/catalog.js';
import type { Scope } from '../core/model.js';
import type { SeverityLevel } from './severity/assess.js';

/** P1 is the most urgent. */
export type Priority = 'P1' | 'P2' | 'P3' | 'P4';

/** What is known about one finding (one vulnerable package in one service). */
export interface PriorityInput {
  severity: SeverityLevel;
  /** CVSS base score, when one was scored. */
  score?: number;
  /** Listed in CISA's Known Exploited Vulnerabilities catalogue. */
  knownExploited?: boolean;
  /** EPSS probability of exploitation in the next 30 days, 0 to 1. */
  epss?: number;
  /** The service's exposure; unknown exposure adds nothing. */
  exposure?: Exposure;
  scope: Scope;
  direct: boolean;
  /** Shortest distance from the service's own manifest (1 for direct). */
  depth?: number;
  fixedVersions: readonly string[];
}

export interface PriorityResult {
  priority: Priority;
  /** Points before the scope cap, for sorting within a priority. */
  points: number;
  /** Every rule that applied, in words, in the order applied. */
  reasons: string[];
}

/**
 * Points per fact. The sum picks the priority (see PRIORITY_BANDS); a
 * development or test dependency is never above P3, since it does not ship.
 *
 * | fact                         | points |
 * | ---------------------------- | ------ |
 * | severity critical/high/medium/low/none | 50/35/20/5/0 |
 * | severity unknown (read as medium)      | 20 |
 * | known exploited (KEV)        | +30 |
 * | EPSS >= 0.5 / >= 0.1         | +20 / +10 |
 * | internet-facing              | +10 |
 * | payment path / user data     | +10 / +5 |
 * | fix available                | +5 (actionable now) |
 * | transitive deeper than 3     | -5 |
 */
export const SEVERITY_POINTS: Record<SeverityLevel, number> = {
  critical: 50,
  high: 35,
  medium: 20,
  low: 5,
  none: 0,
  unknown: 20,
};

/** Lowest points for each priority, checked in order. */
export const PRIORITY_BANDS: ReadonlyArray<[Priority, number]> = [
  ['P1', 70],
  ['P2', 50],
  ['P3', 30],
  ['P4', -Infinity],
];

const NOT_SHIPPED: ReadonlySet<Scope> = new Set(['dev', 'test']);

type Rule = (input: PriorityInput) => [number, string] | undefined;

function severityRule(input: PriorityInput): [number, string] {
  const points = SEVERITY_POINTS[input.severity];
  if (input.severity === 'unknown')
    return [points, 'severity unknown; treated as medium'];
  const score =
    input.score === undefined ? '' : ` (CVSS ${input.score.toFixed(1)})`;
  return [points, `${input.severity} severity${score}`];
}

const RULES: readonly Rule[] = [
  severityRule,
  (i) =>
    i.knownExploited ? [30, 'known to be exploited (CISA KEV)'] : undefined,
  (i) => {
    if (i.epss === undefined || i.epss < 0.1) return undefined;
    const likely = i.epss >= 0.5;
    return [
      likely ? 20 : 10,
      `EPSS ${i.epss.toFixed(2)}: exploitation ${likely ? 'likely' : 'possible'} within 30 days`,
    ];
  },
  (i) =>
    i.exposure?.internetFacing ? [10, 'service is internet-facing'] : undefined,
  (i) =>
    i.exposure?.paymentPath
      ? [10, 'service is on the payment path']
      : undefined,
  (i) => (i.exposure?.userData ? [5, 'service handles user data'] : undefined),
  (i) =>
    i.fixedVersions.length > 0
      ? [5, `fixed in ${i.fixedVersions.join(', ')}`]
      : [0, 'no fixed version yet; mitigate or replace the package'],
  (i) => {
    // "Upgrade" only where a fixed version exists to upgrade to.
    if (i.direct)
      return [
        0,
        i.fixedVersions.length > 0
          ? 'direct dependency: upgrade it in the manifest'
          : 'direct dependency: the service can replace or remove it itself',
      ];
    const depth = i.depth ?? 2;
    return depth > 3
      ? [-5, `transitive dependency at depth ${depth}`]
      : [0, `transitive dependency at depth ${depth}`];
  },
];

function bandOf(points: number): Priority {
  return (
    PRIORITY_BANDS.find(([, floor]) => points >= floor) as [Priority, number]
  )[0];
}

/**
 * The triage priority of a finding, with every reason in words. Pure: the
 * same input always gives the same output.
 *
 * @example
 * prioritize({ severity: 'critical', score: 10, knownExploited: true,
 *   scope: 'prod', direct: true, fixedVersions: ['2.15.0'] })
 * // { priority: 'P1', points: 85, reasons: ['critical severity (CVSS 10.0)', ...] }
 */
export function prioritize(input: PriorityInput): PriorityResult {
  let points = 0;
  const reasons: string[] = [];
  for (const rule of RULES) {
    const outcome = rule(input);
    if (!outcome) continue;
    points += outcome[0];
    reasons.push(outcome[1]);
  }
  let priority = bandOf(points);
  if (NOT_SHIPPED.has(input.scope)) {
    reasons.push(`${input.scope} dependency only: not shipped, so at most P3`);
    if (priority === 'P1' || priority === 'P2') priority = 'P3';
  }
  reasons.push(`${points} points: ${priority}`);
  return { priority, points, reasons };
}
