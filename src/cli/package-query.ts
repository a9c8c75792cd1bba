import { ECOSYSTEMS, type EcosystemName } from '../core/model.js';
import { InputError } from '../core/errors.js';
import { parsePackageSpec } from '../queries/package-spec.js';

/** Prefixes a person may type before a name, in either case. */
const PREFIXES: Record<string, EcosystemName> = {
  npm: 'npm',
  maven: 'Maven',
  pypi: 'PyPI',
  go: 'Go',
  golang: 'Go',
  cargo: 'crates.io',
  'crates.io': 'crates.io',
  rubygems: 'RubyGems',
  gem: 'RubyGems',
  nuget: 'NuGet',
  packagist: 'Packagist',
  composer: 'Packagist',
};

export interface PackageQuery {
  name?: string;
  version?: string;
  ecosystem?: EcosystemName;
  purl?: string;
}

/** Maps `--ecosystem` text to the OSV spelling. */
export function parseEcosystem(text: string): EcosystemName {
  const found =
    PREFIXES[text.toLowerCase()] ?? ECOSYSTEMS.find((e) => e === text);
  if (!found) {
    throw new InputError(
      'ERR_UNKNOWN_ECOSYSTEM',
      `unknown ecosystem "${text}"; expected one of ${ECOSYSTEMS.join(', ')}`,
    );
  }
  return found;
}

/**
 * Reads what a person typed for a package: a purl (`pkg:maven/...`), an
 * ecosystem-prefixed name (`maven:org.apache.logging.log4j:log4j-core@2.14.1`,
 * `pypi:django`), or a bare `name@version` (npm style).
 */
export function parsePackageQuery(text: string): PackageQuery {
  if (text.startsWith('pkg:')) return { purl: text };
  const colon = text.indexOf(':');
  const prefix =
    colon > 0 ? PREFIXES[text.slice(0, colon).toLowerCase()] : undefined;
  if (!prefix) return parsePackageSpec(text);
  const rest = text.slice(colon + 1);
  return { ...parsePackageSpec(rest), ecosystem: prefix };
}

/**
 * What to tell someone whose `prefix:name` query found nothing because the
 * prefix is no ecosystem (`pip:requests` searched for a package named
 * "pip:requests"), or whose Maven query put the version after a colon as
 * Gradle writes it; undefined when neither applies.
 */
export function prefixHint(text: string): string | undefined {
  if (text.startsWith('pkg:')) return undefined;
  const parts = text.split('@')[0]!.split(':');
  if (parts.length < 2) return undefined;
  const prefix = parts[0]!.toLowerCase();
  const ecosystem = PREFIXES[prefix];
  if (!ecosystem) {
    // group:artifact without a prefix is a Maven name, as in junit:junit.
    if (parts.length === 2 && prefix.includes('.')) return undefined;
    const name = text.split('@')[0];
    return (
      `"${parts[0]}" is not an ecosystem prefix, so "${name}" was looked up ` +
      "as one name, as Maven's group:artifact would be; the prefixes are " +
      `${Object.keys(PREFIXES).join(', ')} (pypi:requests, maven:junit:junit)`
    );
  }
  if (ecosystem === 'Maven' && parts.length === 4)
    return `a Maven version goes after @: maven:${parts[1]}:${parts[2]}@${parts[3]}`;
  return undefined;
}

/** Reads a count option (`--limit 50`); throws ERR_OPTION_INVALID otherwise. */
export function parseCount(flag: string, text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) {
    throw new InputError(
      'ERR_OPTION_INVALID',
      `${flag} "${text}" is not a whole number of zero or more`,
    );
  }
  return value;
}
