import { normalizeComposerVersion } from './composer-normalize.js';
import { phpVersionCompare } from './php-version-compare.js';
import type { Versioning } from './types.js';

/**
 * Packagist: Composer normalises both versions (`v` prefix, `-beta1`,
 * `-RC`, `-p1`), then PHP's version_compare orders them, which gives
 * dev < alpha < beta < RC < stable < patch. A string Composer refuses is
 * compared as it stands, as version_compare would.
 */
export const packagistVersioning: Versioning = {
  ecosystem: 'Packagist',
  isValid: (version) => normalizeComposerVersion(version) !== undefined,
  compare(a, b) {
    const x = normalizeComposerVersion(a) ?? a;
    const y = normalizeComposerVersion(b) ?? b;
    return phpVersionCompare(x, y);
  },
};
