import type { EcosystemName } from '../../core/model.js';
import { normalizePackageName } from '../../core/purl.js';

/**
 * The key advisories and inventory meet on. Beyond normalizePackageName,
 * npm names compare without case: the registry refuses names that differ
 * only in case, and advisories do write `Axios` for `axios`.
 */
export function packageKey(ecosystem: EcosystemName, name: string): string {
  const normalized = normalizePackageName(ecosystem, name);
  return ecosystem === 'npm' ? normalized.toLowerCase() : normalized;
}
