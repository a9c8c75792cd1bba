import { InputError } from '../core/errors.js';
import type { EcosystemName } from '../core/model.js';
import { cratesVersioning } from './crates.js';
import { goVersioning } from './go.js';
import { mavenVersioning } from './maven.js';
import { npmVersioning } from './npm.js';
import { nugetVersioning } from './nuget.js';
import { packagistVersioning } from './packagist.js';
import { pypiVersioning } from './pypi.js';
import { rubygemsVersioning } from './rubygems.js';
import type { Versioning } from './types.js';

export type { Versioning } from './types.js';

/** Every ecosystem's ordering, listed by hand. */
const VERSIONINGS: Partial<Record<EcosystemName, Versioning>> = {
  'crates.io': cratesVersioning,
  Go: goVersioning,
  Maven: mavenVersioning,
  npm: npmVersioning,
  NuGet: nugetVersioning,
  Packagist: packagistVersioning,
  PyPI: pypiVersioning,
  RubyGems: rubygemsVersioning,
};

/** The ordering of an ecosystem, or undefined when none is known. */
export function versioningFor(
  ecosystem: EcosystemName,
): Versioning | undefined {
  return VERSIONINGS[ecosystem];
}

function requireVersioning(ecosystem: EcosystemName): Versioning {
  const versioning = VERSIONINGS[ecosystem];
  if (versioning) return versioning;
  throw new InputError(
    'ERR_VERSIONING_UNSUPPORTED',
    `no version ordering for ecosystem "${ecosystem}"; ` +
      `supported: ${Object.keys(VERSIONINGS).join(', ')}`,
  );
}

/**
 * Orders two versions of one ecosystem: negative, zero or positive.
 * Throws InputError ERR_VERSIONING_UNSUPPORTED for an ecosystem without an
 * ordering.
 *
 * @example compareVersions('PyPI', '1.0rc1', '1.0') // < 0
 */
export function compareVersions(
  ecosystem: EcosystemName,
  a: string,
  b: string,
): number {
  return requireVersioning(ecosystem).compare(a, b);
}

/** True when the ecosystem's own tooling accepts the version. */
export function isValidVersion(
  ecosystem: EcosystemName,
  version: string,
): boolean {
  return requireVersioning(ecosystem).isValid(version);
}
