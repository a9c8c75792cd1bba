import type { EcosystemName } from '../../core/model.js';
import { versioningFor, type Versioning } from '../../versioning/index.js';
import type { AffectedPackage, AffectedRange, RangeEvent } from '../model.js';

type Compare = (a: string, b: string) => number;

/**
 * The order a range's events are read in. `SEMVER` ranges use the
 * ecosystem's own order where it is SemVer already (npm, crates.io, Go,
 * whose `v` and `+incompatible` it understands) and npm's SemVer elsewhere.
 */
function orderFor(ecosystem: EcosystemName, type: string): Compare | undefined {
  const own = versioningFor(ecosystem);
  if (type === 'ECOSYSTEM') return own?.compare;
  if (type !== 'SEMVER') return undefined; // GIT ranges name commits, not versions
  const semverLike = ['npm', 'crates.io', 'Go'].includes(ecosystem);
  return semverLike ? own?.compare : versioningFor('npm')?.compare;
}

/** `introduced: "0"` means before every version. */
function sortEvents(events: RangeEvent[], compare: Compare): RangeEvent[] {
  const rank = (e: RangeEvent) =>
    e.kind === 'introduced' && e.version === '0' ? 0 : 1;
  return [...events].sort(
    (a, b) =>
      rank(a) - rank(b) || (rank(a) === 0 ? 0 : compare(a.version, b.version)),
  );
}

/**
 * OSV's evaluation of one range: walk the events in version order; an
 * `introduced` at or below the version opens, a `fixed` at or below it
 * closes (fixed is exclusive), a `last_affected` below it closes
 * (last_affected is inclusive). `limit` events bound the range: the
 * version must be below at least one of them.
 */
function isInRange(
  version: string,
  range: AffectedRange,
  compare: Compare,
): boolean {
  const limits = range.events.filter((e) => e.kind === 'limit');
  if (limits.length > 0 && !limits.some((l) => compare(version, l.version) < 0))
    return false;

  let affected = false;
  for (const event of sortEvents(range.events, compare)) {
    if (event.kind === 'introduced') {
      if (event.version === '0' || compare(version, event.version) >= 0)
        affected = true;
    } else if (event.kind === 'fixed') {
      if (compare(version, event.version) >= 0) affected = false;
    } else if (event.kind === 'last_affected') {
      if (compare(version, event.version) > 0) affected = false;
    }
  }
  return affected;
}

/** `v1.2.3` and `V1.2.3` as `1.2.3`: spellings that never change the version. */
function plain(version: string): string {
  return version.trim().replace(/^v/i, '').toLowerCase();
}

function leadingNumber(version: string): string {
  return /^\d+/.exec(version)?.[0]?.replace(/^0+(?=\d)/, '') ?? '';
}

function isListed(
  version: string,
  versions: string[],
  own: Versioning | undefined,
): boolean {
  if (versions.length === 0) return false;
  if (versions.includes(version)) return true;
  const wanted = plain(version);
  const lead = leadingNumber(wanted);
  return versions.some((listed) => {
    const other = plain(listed);
    if (other === wanted) return true;
    // Same version, other spelling (NuGet `1.0` and `1.0.0`): only worth an
    // ordering when the major numbers agree, which keeps long lists cheap.
    return (
      own !== undefined &&
      leadingNumber(other) === lead &&
      own.compare(version, listed) === 0
    );
  });
}

/**
 * True when `version` of the package falls in the advisory's affected
 * entry: listed in `versions`, or inside one of its `SEMVER`/`ECOSYSTEM`
 * ranges. `GIT` ranges are ignored; they name commits, not versions.
 *
 * @example isAffected('Maven', '2.14.1', log4shellEntry) // true
 */
export function isAffected(
  ecosystem: EcosystemName,
  version: string,
  affected: AffectedPackage,
): boolean {
  const own = versioningFor(ecosystem);
  if (isListed(version, affected.versions, own)) return true;
  return affected.ranges.some((range) => {
    const compare = orderFor(ecosystem, range.type);
    return compare !== undefined && isInRange(version, range, compare);
  });
}

/**
 * The nearest fixed version(s) above `version`: for every range that
 * contains it, the lowest `fixed` event above it; sorted, without
 * duplicates. Empty when nothing fixes it (only `last_affected`, or no
 * range contains the version).
 */
export function fixedVersionsFor(
  ecosystem: EcosystemName,
  version: string,
  affected: readonly AffectedPackage[],
): string[] {
  const own = versioningFor(ecosystem);
  const found: string[] = [];
  for (const entry of affected) {
    for (const range of entry.ranges) {
      const compare = orderFor(ecosystem, range.type);
      if (!compare || !isInRange(version, range, compare)) continue;
      const above = range.events
        .filter((e) => e.kind === 'fixed' && compare(e.version, version) > 0)
        .map((e) => e.version)
        .sort(compare);
      if (above[0] !== undefined) found.push(above[0]);
    }
  }
  const unique = [...new Set(found)];
  return own ? unique.sort(own.compare) : unique.sort();
}
