import { compareDigits, compareLoose, comparePrerelease } from './numeric.js';
import type { Versioning } from './types.js';

/** A Go module version as golang.org/x/mod/semver reads it. */
interface GoVersion {
  major: string;
  minor: string;
  patch: string;
  prerelease: string[];
}

const NUMBER = '(0|[1-9]\\d*)';
const IDENT = '[0-9A-Za-z-]+';
// `v1` and `v1.2` are shorthands, but only without pre-release or build.
const SHORTHAND = new RegExp(`^v?${NUMBER}(?:\\.${NUMBER})?$`);
const FULL = new RegExp(
  `^v?${NUMBER}\\.${NUMBER}\\.${NUMBER}` +
    `(?:-(${IDENT}(?:\\.${IDENT})*))?(?:\\+${IDENT}(?:\\.${IDENT})*)?$`,
);
const LEADING_ZERO = /^0\d/;
const LENIENT = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-([^+]*))?(?:\+.*)?$/;

/**
 * Reads a Go version. The `v` is optional because OSV records write Go
 * versions without it, while go.mod writes it. `+incompatible` is build
 * metadata and so does not order; pseudo-versions are pre-releases and
 * order by their timestamp like any other.
 */
function parseGo(version: string): GoVersion | undefined {
  const short = SHORTHAND.exec(version);
  if (short) {
    const [, major = '0', minor = '0'] = short;
    return { major, minor, patch: '0', prerelease: [] };
  }
  const full = FULL.exec(version);
  if (!full) return undefined;
  const [, major = '0', minor = '0', patch = '0', pre] = full;
  const prerelease = pre ? pre.split('.') : [];
  // SemVer forbids leading zeros in numeric pre-release identifiers.
  if (prerelease.some((id) => LEADING_ZERO.test(id))) return undefined;
  return { major, minor, patch, prerelease };
}

/** Reads versions Go refuses but advisories carry (`19.03.0`). */
function parseLenient(version: string): GoVersion | undefined {
  const parts = LENIENT.exec(version.trim());
  if (!parts) return undefined;
  const [, major = '0', minor = '0', patch = '0', pre] = parts;
  return { major, minor, patch, prerelease: pre ? pre.split('.') : [] };
}

function compareGo(x: GoVersion, y: GoVersion): number {
  return (
    compareDigits(x.major, y.major) ||
    compareDigits(x.minor, y.minor) ||
    compareDigits(x.patch, y.patch) ||
    comparePrerelease(x.prerelease, y.prerelease)
  );
}

/**
 * Go modules: golang.org/x/mod/semver ordering. Unlike that package, a
 * version Go refuses is not simply "lowest": it is read leniently (leading
 * zeros dropped) so that an advisory bound such as `19.03.0` still means
 * 19.3.0.
 */
export const goVersioning: Versioning = {
  ecosystem: 'Go',
  isValid: (version) => parseGo(version) !== undefined,
  compare(a, b) {
    const x = parseGo(a) ?? parseLenient(a);
    const y = parseGo(b) ?? parseLenient(b);
    if (x && y) return compareGo(x, y);
    return compareLoose(a, b);
  },
};
