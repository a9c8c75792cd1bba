import { compare, valid } from '@renovatebot/pep440';
import { compareLoose } from './numeric.js';
import type { Versioning } from './types.js';

/**
 * PyPI: PEP 440 (epochs, pre, post and dev releases, local versions).
 * Legacy versions PEP 440 refuses are ordered loosely, after nothing in
 * particular; pip itself no longer installs them.
 */
export const pypiVersioning: Versioning = {
  ecosystem: 'PyPI',
  isValid: (version) => valid(version) !== null,
  compare(a, b) {
    if (valid(a) !== null && valid(b) !== null) return compare(a, b);
    return compareLoose(a, b);
  },
};
