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
  return (
    plainPurl(PURL_TYPES[ecosystem], namespace, shortName, version) ??
    encodedPurl(ecosystem, namespace, shortName, version)
  );
}

// Lower-case letters, digits and `._-` (and `~+` in versions) are never
// encoded nor changed by any purl type's normalisation, so such purls can
// be written directly: packageurl-js costs tens of microseconds a call,
// more than parsing the package's lockfile entry.
const PLAIN_SEGMENT = /^[a-z0-9._-]+$/;
const PLAIN_VERSION = /^[a-z0-9._~+-]+$/;

function plainPurl(
  type: string,
  namespace: string | undefined,
  name: string,
  version: string | null | undefined,
): string | undefined {
  if (!PLAIN_SEGMENT.test(name)) return undefined;
  if (version && !PLAIN_VERSION.test(version)) return undefined;
  let prefix = '';
  if (namespace !== undefined) {
    const scoped = namespace.startsWith('@');
    const segments = (scoped ? namespace.slice(1) : namespace).split('/');
    if (!segments.every((segment) => PLAIN_SEGMENT.test(segment))) {
      return undefined;
    }
    prefix = `${scoped ? '%40' : ''}${segments.join('/')}/`;
  }
  return `pkg:${type}/${prefix}${name}${version ? `@${version}` : ''}`;
}

function encodedPurl(
  ecosystem: EcosystemName,
  namespace: string | undefined,
  shortName: string,
  version: string | null | undefined,
): string {
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
