import type { EffectiveDependency, ModelProblem } from './effective-model.js';
import type { MavenRepositoryClient } from './repository-client.js';
import { highestInRange, isMavenRange, parseMavenRange } from './versioning.js';

/**
 * The version Maven would use for a declared spec: a plain version as is;
 * a range resolved to the highest version the repositories list inside it,
 * or, with no listing, to its upper bound when inclusive, else its lower one.
 */
export async function resolveVersion(
  d: EffectiveDependency,
  client: MavenRepositoryClient,
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
  const available = await client
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
