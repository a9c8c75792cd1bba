import { eq, gt, valid } from '@renovatebot/ruby-semver';
import { compareLoose } from './numeric.js';
import type { Versioning } from './types.js';

/**
 * RubyGems: Gem::Version ordering (a letter segment makes a pre-release,
 * `1.0.a` < `1.0`; trailing zeros do not count, `1.0` == `1`).
 */
export const rubygemsVersioning: Versioning = {
  ecosystem: 'RubyGems',
  isValid: (version) => valid(version) !== null,
  compare(a, b) {
    if (valid(a) === null || valid(b) === null) return compareLoose(a, b);
    if (eq(a, b)) return 0;
    return gt(a, b) ? 1 : -1;
  },
};
