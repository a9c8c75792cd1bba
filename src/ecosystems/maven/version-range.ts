import { compareMavenVersions } from './comparable-version.js';

/** One interval of a Maven range; a missing bound is open-ended. */
export interface MavenRestriction {
  lower?: string;
  lowerInclusive: boolean;
  upper?: string;
  upperInclusive: boolean;
}

/**
 * A parsed Maven version spec. A plain version (`1.0`) is a soft
 * requirement: `recommended` is set and `restrictions` is empty.
 */
export interface MavenRange {
  recommended?: string;
  restrictions: MavenRestriction[];
}

function parseRestriction(spec: string): MavenRestriction | undefined {
  const lowerInclusive = spec.startsWith('[');
  const upperInclusive = spec.endsWith(']');
  const body = spec.slice(1, -1).trim();
  const comma = body.indexOf(',');
  if (comma < 0) {
    // [1.5] pins one version; (1.5) means nothing
    if (!lowerInclusive || !upperInclusive || body === '') return undefined;
    return { lower: body, lowerInclusive, upper: body, upperInclusive };
  }
  const lower = body.slice(0, comma).trim() || undefined;
  const upper = body.slice(comma + 1).trim() || undefined;
  if (body.indexOf(',', comma + 1) >= 0) return undefined;
  if (lower && upper && compareMavenVersions(lower, upper) > 0) {
    return undefined;
  }
  return { lower, lowerInclusive, upper, upperInclusive };
}

/**
 * Parses a Maven version spec: `1.0`, `[1.0]`, `[1.0,2.0)`, `(,1.0]`,
 * `[1.5,)`, unions `[1,2),[3,4)`. Returns undefined for a malformed range
 * (unbalanced brackets, lower above upper), which callers report.
 */
export function parseMavenRange(text: string): MavenRange | undefined {
  const spec = text.trim();
  if (spec === '') return undefined;
  if (!spec.startsWith('[') && !spec.startsWith('(')) {
    return /[[\](),]/.test(spec)
      ? undefined
      : { recommended: spec, restrictions: [] };
  }
  const restrictions: MavenRestriction[] = [];
  let rest = spec;
  while (rest.startsWith('[') || rest.startsWith('(')) {
    const close = rest.search(/[\])]/);
    if (close < 0) return undefined;
    const restriction = parseRestriction(rest.slice(0, close + 1));
    if (!restriction) return undefined;
    restrictions.push(restriction);
    rest = rest.slice(close + 1).trim();
    if (rest.startsWith(',')) rest = rest.slice(1).trim();
  }
  return rest === '' ? { restrictions } : undefined;
}

function withinRestriction(version: string, r: MavenRestriction): boolean {
  if (r.lower !== undefined) {
    const low = compareMavenVersions(version, r.lower);
    if (low < 0 || (low === 0 && !r.lowerInclusive)) return false;
  }
  if (r.upper !== undefined) {
    const high = compareMavenVersions(version, r.upper);
    if (high > 0 || (high === 0 && !r.upperInclusive)) return false;
  }
  return true;
}

/**
 * True when `version` lies in the range. A soft requirement (plain
 * version) is satisfied by that version only.
 */
export function satisfiesMavenRange(
  version: string,
  range: MavenRange,
): boolean {
  if (range.restrictions.length === 0) {
    return (
      range.recommended !== undefined &&
      compareMavenVersions(version, range.recommended) === 0
    );
  }
  return range.restrictions.some((r) => withinRestriction(version, r));
}

/** True when the spec is a range rather than a plain (soft) version. */
export function isMavenRange(text: string): boolean {
  const spec = text.trim();
  return spec.startsWith('[') || spec.startsWith('(');
}

/**
 * The highest of `available` inside the range, or undefined when none is.
 */
export function highestInRange(
  range: MavenRange,
  available: readonly string[],
): string | undefined {
  let best: string | undefined;
  for (const version of available) {
    if (!satisfiesMavenRange(version, range)) continue;
    if (best === undefined || compareMavenVersions(version, best) > 0) {
      best = version;
    }
  }
  return best;
}
