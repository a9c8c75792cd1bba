import semver from 'semver';
import type { EcosystemName } from '../core/model.js';
import { compareLoose } from './numeric.js';
import type { Versioning } from './types.js';

const SHORT = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?([-+].*)?$/;

/**
 * Reads a version as SemVer, padding the missing parts that advisories
 * sometimes leave out (`1.0` becomes `1.0.0`); undefined when even that
 * fails.
 */
function parseSemVer(version: string): semver.SemVer | undefined {
  const strict = semver.parse(version, { loose: true });
  if (strict) return strict;
  const parts = SHORT.exec(version.trim());
  if (!parts) return undefined;
  const [, major, minor = '0', patch = '0', rest = ''] = parts;
  return semver.parse(`${major}.${minor}.${patch}${rest}`) ?? undefined;
}

/*
 * Matching compares the same few thousand versions against every range of
 * every advisory naming them: parsed versions are kept (SemVer objects are
 * only compared, never changed), and the cache starts over when full so
 * that memory stays bounded.
 */
const PARSED_LIMIT = 50_000;
const parsed = new Map<string, semver.SemVer | null>();

function toSemVer(version: string): semver.SemVer | undefined {
  const known = parsed.get(version);
  if (known !== undefined) return known ?? undefined;
  if (parsed.size >= PARSED_LIMIT) parsed.clear();
  const value = parseSemVer(version);
  parsed.set(version, value ?? null);
  return value;
}

/**
 * SemVer 2 precedence for npm and crates.io: build metadata ignored,
 * pre-releases ordered among releases (OSV wants a plain total order, not
 * npm's range rule that hides pre-releases).
 */
export function semverVersioning(ecosystem: EcosystemName): Versioning {
  return {
    ecosystem,
    isValid: (version) => semver.valid(version) !== null,
    compare(a, b) {
      const x = toSemVer(a);
      const y = toSemVer(b);
      if (x && y) return x.compare(y);
      return compareLoose(a, b);
    },
  };
}
