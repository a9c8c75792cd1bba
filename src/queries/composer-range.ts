import { normalizeComposerVersion } from '../versioning/composer-normalize.js';
import { packagistVersioning } from '../versioning/packagist.js';
import type { Comparator, ComparatorDialect } from './comparator-range.js';

const PARTS = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:\.(\d+))?(.*)$/i;

/**
 * Composer's constraint rules (composer/semver VersionParser): `^` and `~`
 * become a lower bound and an upper bound below the next version's dev
 * releases; `<5.0` and `>=5.0` without a stability compare against
 * `5.0-dev`, so that `<5.0` leaves out 5.0's betas and `>=5.0` keeps them.
 */
export const composerDialect: ComparatorDialect = {
  versioning: packagistVersioning,
  alternatives: true,
  expand(operator, version) {
    const match = PARTS.exec(version);
    if (!match) return undefined;
    const numbers = match.slice(1, 5).filter((n) => n !== undefined);
    const position =
      operator === '^' ? caretPosition(numbers) : tildePosition(numbers);
    return [
      { operator: '>=', version: withDevIfStable(version) },
      { operator: '<', version: `${bump(numbers, position)}-dev` },
    ];
  },
  adjust(bound) {
    if (bound.operator !== '<' && bound.operator !== '>=') return bound;
    return { ...bound, version: withDevIfStable(bound.version) };
  },
  whole(text) {
    if (text === '*') return [{ operator: '>=', version: '0.0.0.0-dev' }];
    const wildcard = WILDCARD.exec(text);
    if (wildcard) {
      // `1.2.*` is 1.2's dev releases up to, not into, 1.3's.
      const numbers = wildcard.slice(1, 4).filter((n) => n !== undefined);
      return [
        { operator: '>=', version: `${bump(numbers, 99)}-dev` },
        { operator: '<', version: `${bump(numbers, numbers.length)}-dev` },
      ];
    }
    const hyphen = HYPHEN.exec(text);
    if (!hyphen) return undefined;
    const [, from = '', to = ''] = hyphen;
    const upper = PARTS.exec(to);
    if (!PARTS.exec(from) || !upper) return undefined;
    const given = upper.slice(1, 5).filter((n) => n !== undefined);
    // A partial upper end takes the whole of its last part: `- 2.0` is
    // below 2.1's dev releases; a full one is inclusive.
    const high: Comparator =
      given.length >= 3 || upper[5]
        ? { operator: '<=', version: to }
        : { operator: '<', version: `${bump(given, given.length)}-dev` };
    return [{ operator: '>=', version: withDevIfStable(from) }, high];
  },
};

const WILDCARD = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?\.[*x]$/i;
const HYPHEN = /^(\S+)\s+-\s+(\S+)$/;

/** `^1.2` may move the major, `^0.3` the minor, `^0.0.3` the patch. */
function caretPosition(numbers: string[]): number {
  if (numbers[0] !== '0' || numbers.length < 2) return 1;
  if (numbers[1] !== '0' || numbers.length < 3) return 2;
  return 3;
}

/** `~1.2` may move the major, `~1.2.3` the minor: the last part given may grow. */
function tildePosition(numbers: string[]): number {
  return Math.max(1, numbers.length - 1);
}

/** `1.2.3` bumped at position 2 is `1.3.0.0`. */
function bump(numbers: string[], position: number): string {
  const parts = [0, 1, 2, 3].map((i) => {
    const value = Number(numbers[i] ?? '0');
    if (i < position - 1) return value;
    return i === position - 1 ? value + 1 : 0;
  });
  return parts.join('.');
}

function withDevIfStable(version: string): string {
  const normalised = normalizeComposerVersion(version);
  if (normalised === undefined || normalised.includes('-')) return version;
  return `${normalised}-dev`;
}
