import semver from 'semver';
import { InputError } from '../core/errors.js';
import {
  compareMavenVersions,
  isMavenRange,
  parseMavenRange,
  satisfiesMavenRange,
} from '../ecosystems/maven/versioning.js';

type VersionTest = (version: string | null) => boolean;

/**
 * Decides which stored versions a query's version selects. npm takes an
 * exact version or any semver range (prereleases included, since a
 * vulnerable `4.17.21-rc.1` is still below `4.17.21`); Maven takes a
 * version or a Maven range (`[2.0,2.17.1)`); Go compares without the
 * leading `v`; other ecosystems compare the version text exactly.
 */
export function versionFilter(
  ecosystem: string,
  wanted: string | undefined,
): VersionTest {
  if (wanted === undefined) return () => true;
  if (ecosystem === 'npm') return npmFilter(wanted);
  if (ecosystem === 'Maven') return mavenFilter(wanted);
  if (ecosystem === 'Go') {
    // Go versions carry a leading v that people often leave out.
    const bare = wanted.replace(/^v/, '');
    return (version) => version?.replace(/^v/, '') === bare;
  }
  return (version) => version === wanted;
}

function npmFilter(wanted: string): VersionTest {
  const exact = semver.valid(wanted);
  if (exact !== null) {
    return (version) => version !== null && semver.valid(version) === exact;
  }
  const range = semver.validRange(wanted);
  if (range === null)
    throw rangeError(
      wanted,
      'an npm version or semver range',
      '4.17.21, <4.17.21 or ^7',
    );
  return (version) =>
    version !== null &&
    semver.valid(version) !== null &&
    semver.satisfies(version, range, { includePrerelease: true });
}

function mavenFilter(wanted: string): VersionTest {
  if (!isMavenRange(wanted)) {
    return (version) =>
      version !== null && compareMavenVersions(version, wanted) === 0;
  }
  const range = parseMavenRange(wanted);
  if (!range)
    throw rangeError(
      wanted,
      'a Maven version or range',
      '2.17.1, [2.0,2.17.1) or (,2.17.1)',
    );
  return (version) => version !== null && satisfiesMavenRange(version, range);
}

function rangeError(wanted: string, expected: string, examples: string) {
  return new InputError(
    'ERR_VERSION_RANGE',
    `"${wanted}" is not ${expected}; use e.g. ${examples}`,
  );
}
