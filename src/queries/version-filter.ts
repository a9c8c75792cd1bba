import {
  satisfies as satisfiesPep440,
  valid,
  validRange,
} from '@renovatebot/pep440';
import { satisfies as satisfiesGem } from '@renovatebot/ruby-semver';
import semver from 'semver';
import { InputError } from '../core/errors.js';
import type { EcosystemName } from '../core/model.js';
import {
  isMavenRange,
  parseMavenRange,
  satisfiesMavenRange,
} from '../ecosystems/maven/versioning.js';
import { versioningFor } from '../versioning/index.js';
import type { Versioning } from '../versioning/types.js';
import {
  parseComparatorRange,
  parseInterval,
  satisfiesComparatorRange,
  type ComparatorRange,
} from './comparator-range.js';
import { composerDialect } from './composer-range.js';

type VersionTest = (version: string | null) => boolean;
type RangeTest = (version: string) => boolean;

/** What each ecosystem accepts as a range, for the error message. */
const RANGE_SYNTAX: Record<string, string> = {
  npm: 'a semver range, e.g. <4.17.21, ^7 or ">=1 <2"',
  Maven:
    'a Maven range or comparators, e.g. [2.0,2.17.1), (,2.17.1] or "<2.17.1"',
  PyPI: 'PEP 440 specifiers joined by commas, e.g. "<2.31", "~=2.28" or ">=1,<2"',
  Go: 'comparators joined by commas or spaces, e.g. "<v0.60.0" or ">=0.17 <0.31"',
  'crates.io': 'a Cargo requirement, e.g. "<1.0.200", ^1.2, ~1.2 or ">=1, <2"',
  RubyGems: 'Gem requirements joined by commas, e.g. "< 1.13", "~> 1.13"',
  NuGet:
    'comparators or an interval, e.g. "<13.0.1", ">=12 <14" or [12.0,14.0)',
  Packagist:
    'a Composer constraint, e.g. ^5.4, ~5.4.0, 5.4.*, "5.4 - 6.0", ">=5.4 <6" or "^5.4 || ^6"',
};

// An operator, bracket, separator or wildcard: anything but a version.
const RANGE_MARK = /^[<>=!~^[(]|[\s,|*]/;

// Gem::Requirement::PATTERN: one requirement, operator optional.
const GEM_REQUIREMENT =
  /^\s*(=|!=|>|<|>=|<=|~>)?\s*([0-9]+(\.[0-9a-zA-Z]+)*(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?)\s*$/;

/**
 * Decides which stored versions a query's version selects. A version
 * without an operator selects that version as the ecosystem counts
 * equality (`2.0` is `2.0.0` in PyPI, `1.2.3` is `v1.2.3` in Go); a range
 * is read in the ecosystem's own syntax and compared with its ordering
 * (see RANGE_SYNTAX). Pre-releases count like any version: a service on
 * `2.0.0-rc.1` uses a version below 2.0.0. Throws InputError
 * ERR_VERSION_RANGE for a range the ecosystem cannot read.
 */
export function versionFilter(
  ecosystem: string,
  wanted: string | undefined,
): VersionTest {
  if (wanted === undefined) return () => true;
  if (ecosystem === 'npm') return npmFilter(wanted);
  const versioning = versioningFor(ecosystem as EcosystemName);
  if (!versioning) return (version) => version === wanted;
  if (!RANGE_MARK.test(wanted)) return exactFilter(versioning, wanted);

  const test = readRange(ecosystem, wanted.trim(), versioning);
  if (!test) throw rangeError(wanted, ecosystem);
  return (version) => version !== null && test(version);
}

function npmFilter(wanted: string): VersionTest {
  const exact = semver.valid(wanted);
  if (exact !== null) {
    return (version) => version !== null && semver.valid(version) === exact;
  }
  const range = semver.validRange(wanted);
  if (range === null) throw rangeError(wanted, 'npm');
  return (version) =>
    version !== null &&
    semver.valid(version) !== null &&
    semver.satisfies(version, range, { includePrerelease: true });
}

function exactFilter(versioning: Versioning, wanted: string): VersionTest {
  // Go versions carry a leading v that people often leave out.
  const text = (v: string) =>
    versioning.ecosystem === 'Go' ? v.replace(/^v/, '') : v;
  const wantedValid = versioning.isValid(wanted);
  return (version) =>
    version !== null &&
    (text(version) === text(wanted) ||
      (wantedValid &&
        versioning.isValid(version) &&
        versioning.compare(version, wanted) === 0));
}

function readRange(
  ecosystem: string,
  wanted: string,
  versioning: Versioning,
): RangeTest | undefined {
  switch (ecosystem) {
    case 'PyPI':
      return pep440Range(wanted);
    case 'RubyGems':
      return gemRange(wanted);
    case 'crates.io':
      return cargoRange(wanted, versioning);
    case 'Maven':
      return isMavenRange(wanted)
        ? mavenRange(wanted)
        : byComparators(
            parseComparatorRange(wanted, { versioning }),
            versioning,
          );
    case 'NuGet':
      return byComparators(
        parseInterval(wanted, versioning) ??
          parseComparatorRange(wanted, { versioning }),
        versioning,
      );
    case 'Packagist':
      return byComparators(
        parseComparatorRange(wanted, composerDialect),
        versioning,
      );
    default:
      return byComparators(
        parseComparatorRange(wanted, { versioning }),
        versioning,
      );
  }
}

function byComparators(
  range: ComparatorRange | undefined,
  versioning: Versioning,
): RangeTest | undefined {
  if (!range) return undefined;
  return (version) => satisfiesComparatorRange(version, range, versioning);
}

function mavenRange(wanted: string): RangeTest | undefined {
  const range = parseMavenRange(wanted);
  return range && ((version) => satisfiesMavenRange(version, range));
}

/** PEP 440 as pip reads it, but pre-releases in use are uses too. */
function pep440Range(wanted: string): RangeTest | undefined {
  if (!validRange(wanted)) return undefined;
  return (version) =>
    valid(version) !== null &&
    satisfiesPep440(version, wanted, { prereleases: true });
}

function gemRange(wanted: string): RangeTest | undefined {
  const requirements = wanted.split(',');
  if (!requirements.every((r) => GEM_REQUIREMENT.test(r))) return undefined;
  return (version) => satisfiesGem(version, wanted);
}

/**
 * Cargo requirements mean what node-semver's ranges mean (`^0.2` is
 * `>=0.2.0 <0.3.0`, `~1.2` is `>=1.2.0 <1.3.0`, `<1.2` leaves out 1.2's
 * pre-releases), with commas between bounds; `!=` is ours.
 */
function cargoRange(
  wanted: string,
  versioning: Versioning,
): RangeTest | undefined {
  // Cargo has neither `||` nor hyphen ranges.
  if (/\|\||\s-\s/.test(wanted)) return undefined;
  const excluded: string[] = [];
  const bounds = wanted.replace(/!=\s*([^\s,]+)/g, (_, version: string) => {
    excluded.push(version);
    return ',';
  });
  const range = semver.validRange(bounds.replace(/,/g, ' ').trim() || '*');
  if (range === null || !excluded.every((v) => versioning.isValid(v)))
    return undefined;
  return (version) =>
    semver.valid(version) !== null &&
    semver.satisfies(version, range, { includePrerelease: true }) &&
    excluded.every((v) => versioning.compare(version, v) !== 0);
}

function rangeError(wanted: string, ecosystem: string): InputError {
  const syntax = RANGE_SYNTAX[ecosystem] ?? 'an exact version';
  return new InputError(
    'ERR_VERSION_RANGE',
    `"${wanted}" is not a version or range for ${ecosystem}; ` +
      `${ecosystem} takes ${syntax}`,
  );
}
