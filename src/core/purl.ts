import { PackageURL } from 'packageurl-js';
import type { EcosystemName } from './model.js';

const PURL_TYPES: Record<EcosystemName, string> = {
  npm: 'npm',
  Maven: 'maven',
  PyPI: 'pypi',
  Go: 'golang',
  'crates.io': 'cargo',
  RubyGems: 'gem',
  NuGet: 'nuget',
  Packagist: 'composer',
};

/**
 * The ecosystem's own name normalisation, so that one library is one package
 * whichever file mentions it: PEP 503 for PyPI, lower case for the
 * case-insensitive NuGet and Packagist. Maven names are `groupId:artifactId`.
 */
export function normalizePackageName(
  ecosystem: EcosystemName,
  name: string,
): string {
  const trimmed = name.trim();
  switch (ecosystem) {
    case 'PyPI':
      return trimmed.toLowerCase().replace(/[-_.]+/g, '-');
    case 'NuGet':
    case 'Packagist':
      return trimmed.toLowerCase();
    default:
      return trimmed;
  }
}

/** Splits a normalised name into purl namespace and name. */
function splitName(
  ecosystem: EcosystemName,
  name: string,
): [string | undefined, string] {
  if (ecosystem === 'Maven') {
    const [group, artifact] = name.split(':');
    return artifact === undefined ? [undefined, name] : [group, artifact];
  }
  if (ecosystem === 'npm' || ecosystem === 'Go' || ecosystem === 'Packagist') {
    const slash = name.lastIndexOf('/');
    if (slash > 0) return [name.slice(0, slash), name.slice(slash + 1)];
  }
  return [undefined, name];
}

/**
 * The canonical purl of a package version (or of the package, without a
 * version). The name is normalised first.
 *
 * @example buildPurl('Maven', 'org.apache.logging.log4j:log4j-core', '2.17.1')
 *   // 'pkg:maven/org.apache.logging.log4j/log4j-core@2.17.1'
 */
export function buildPurl(
  ecosystem: EcosystemName,
  name: string,
  version?: string | null,
): string {
  const [namespace, shortName] = splitName(
    ecosystem,
    normalizePackageName(ecosystem, name),
  );
  return new PackageURL(
    PURL_TYPES[ecosystem],
    namespace,
    shortName,
    version ?? undefined,
    undefined,
    undefined,
  ).toString();
}

/** The ecosystem a purl type belongs to, or undefined for other types. */
export function ecosystemOfPurlType(type: string): EcosystemName | undefined {
  const entry = Object.entries(PURL_TYPES).find(([, t]) => t === type);
  return entry?.[0] as EcosystemName | undefined;
}
