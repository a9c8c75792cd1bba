import semver from 'semver';
import { InputError } from '../core/errors.js';

/**
 * Decides which stored versions a query's version selects. npm takes an
 * exact version or any semver range; other ecosystems compare exactly.
 */
export function versionFilter(
  ecosystem: string,
  wanted: string | undefined,
): (version: string | null) => boolean {
  if (wanted === undefined) return () => true;
  if (ecosystem !== 'npm' || semver.valid(wanted)) {
    const exact = semver.valid(wanted) ?? wanted;
    return (version) =>
      version === wanted ||
      (version !== null && semver.valid(version) === exact);
  }
  const range = semver.validRange(wanted);
  if (range === null) {
    throw new InputError(
      'ERR_VERSION_RANGE',
      `"${wanted}" is neither an npm version nor a semver range; ` +
        'use e.g. 4.17.21, <4.17.21 or ^7',
    );
  }
  return (version) =>
    version !== null &&
    semver.valid(version) !== null &&
    semver.satisfies(version, range);
}

/** True when `wanted` reads as a range rather than one version. */
export function isVersionRange(wanted: string): boolean {
  return semver.valid(wanted) === null && semver.validRange(wanted) !== null;
}
