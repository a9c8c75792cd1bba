import type { EffectiveDependency, ModelProblem } from './effective-model.js';
import { highestInRange, isMavenRange, parseMavenRange } from './versioning.js';

/** Where a range's candidate versions come from (the model builder). */
export interface VersionLister {
  /** The versions known for an artifact, in no order; empty when none. */
  listVersions(groupId: string, artifactId: string): Promise<string[]>;
}

/**
 * The version Maven would use for a declared spec: a plain version as is;
 * a range resolved to the highest version the repositories list inside it,
 * or, with no listing, to its upper bound when inclusive, else its lower one.
 */
export async function resolveVersion(
  d: EffectiveDependency,
  versions: VersionLister,
  problems: ModelProblem[],
): Promise<string> {
  const spec = d.version ?? '';
  if (!isMavenRange(spec)) return spec;
  const range = parseMavenRange(spec);
  if (!range) {
    problems.push({
      code: 'MAVEN_RANGE_INVALID',
      message: `${d.groupId}:${d.artifactId} has the malformed version range ${spec}; kept as written`,
    });
    return spec;
  }
  const available = await versions
    .listVersions(d.groupId, d.artifactId)
    .catch(() => []);
  const chosen = highestInRange(range, available);
  if (chosen) return chosen;
  const bound = range.restrictions.at(-1);
  const fallback =
    bound?.upperInclusive && bound.upper
      ? bound.upper
      : (range.restrictions[0]?.lower ?? spec);
  problems.push({
    code: 'MAVEN_RANGE_UNRESOLVED',
    message: `no listed version of ${d.groupId}:${d.artifactId} lies in ${spec}; using ${fallback}`,
  });
  return fallback;
}
