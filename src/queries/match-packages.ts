import { PackageURL } from 'packageurl-js';
import { InputError } from '../core/errors.js';
import { ECOSYSTEMS, type EcosystemName } from '../core/model.js';
import { ecosystemOfPurlType, normalizePackageName } from '../core/purl.js';
import { versionFilter } from './version-filter.js';

/** A package version that a query selected. */
export interface MatchedPackage {
  ecosystem: string;
  name: string;
  version: string | null;
  purl: string;
}

export interface PackageQuery {
  name?: string;
  version?: string;
  ecosystem?: EcosystemName;
  purl?: string;
}

/** A package query made ready for SQL (names) and for code (accepts). */
export interface ResolvedPackageQuery {
  /** The name as each ecosystem in play normalises it. */
  names: string[];
  ecosystem?: EcosystemName;
  /**
   * Without a version: the (ecosystem, name) pairs the query selects, so
   * SQL can select the packages itself; undefined when versions are
   * filtered in code.
   */
  pairs?: { ecosystem: EcosystemName; name: string }[];
  /** True for a stored package version the query selects. */
  accepts(row: Omit<MatchedPackage, 'purl'>): boolean;
}

/**
 * Reads a who-uses query: by purl (with or without a version), or by name
 * in one or every ecosystem, each applying its own name normalisation,
 * then by version or range. Throws InputError for a query naming nothing.
 */
export function resolvePackageQuery(query: PackageQuery): ResolvedPackageQuery {
  const target = query.purl ? fromPurl(query.purl) : query;
  const name = target.name?.trim();
  if (!name) {
    throw new InputError(
      'ERR_WHO_USES_QUERY',
      'who-uses needs a package name or a purl; give e.g. lodash, ' +
        'lodash@"<4.17.21" or pkg:npm/lodash@4.17.20',
    );
  }
  const ecosystems = target.ecosystem ? [target.ecosystem] : ECOSYSTEMS;
  const names = [
    ...new Set(ecosystems.map((e) => normalizePackageName(e, name))),
  ];
  const filters = versionFilters(ecosystems, target.version);
  // A stored ecosystem the list does not know (an SBOM's) is read on use.
  const filterFor = (ecosystem: string) => {
    let filter = filters.get(ecosystem);
    if (!filter) {
      filter = readableOrNone(ecosystem, target.version);
      filters.set(ecosystem, filter);
    }
    return filter;
  };
  const pairs = ecosystems.map((ecosystem) => ({
    ecosystem,
    name: normalizePackageName(ecosystem, name),
  }));
  return {
    names,
    ecosystem: target.ecosystem,
    pairs: target.version === undefined ? pairs : undefined,
    accepts: (row) =>
      (!target.ecosystem || row.ecosystem === target.ecosystem) &&
      row.name === normalizePackageName(row.ecosystem as EcosystemName, name) &&
      filterFor(row.ecosystem)(row.version),
  };
}

/**
 * Each ecosystem's reading of the version or range, made before any row is
 * read, so that a range no ecosystem can read is refused even when no
 * package has the name. Without an ecosystem, those that cannot read the
 * range (PyPI for `^1.2`) are left out instead of failing the query; the
 * error comes only when none can read it, and is the first one's.
 */
function versionFilters(
  ecosystems: readonly EcosystemName[],
  version: string | undefined,
): Map<string, VersionTest> {
  const filters = new Map<string, VersionTest>();
  let firstError: unknown;
  for (const ecosystem of ecosystems) {
    try {
      filters.set(ecosystem, versionFilter(ecosystem, version));
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      firstError ??= error;
      filters.set(ecosystem, NONE);
    }
  }
  if (firstError && [...filters.values()].every((f) => f === NONE))
    throw firstError;
  return filters;
}

type VersionTest = (version: string | null) => boolean;
const NONE: VersionTest = () => false;

function readableOrNone(ecosystem: string, version: string | undefined) {
  try {
    return versionFilter(ecosystem, version);
  } catch (error) {
    if (error instanceof InputError) return NONE;
    throw error;
  }
}

function fromPurl(purl: string): PackageQuery {
  let parsed: PackageURL;
  try {
    parsed = PackageURL.fromString(purl);
  } catch (cause) {
    throw new InputError(
      'ERR_WHO_USES_QUERY',
      `"${purl}" is not a valid package URL; expected e.g. ` +
        'pkg:npm/lodash@4.17.20 or pkg:maven/org.example/lib',
      { cause },
    );
  }
  const ecosystem = ecosystemOfPurlType(parsed.type);
  if (!ecosystem) {
    throw new InputError(
      'ERR_WHO_USES_QUERY',
      `package URL type "${parsed.type}" is not one of the supported ` +
        'ecosystems (npm, maven, pypi, golang, cargo, gem, nuget, composer)',
    );
  }
  const separator = ecosystem === 'Maven' ? ':' : '/';
  const name = parsed.namespace
    ? `${parsed.namespace}${separator}${parsed.name}`
    : parsed.name;
  return { ecosystem, name, version: parsed.version ?? undefined };
}
