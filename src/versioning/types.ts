import type { EcosystemName } from '../core/model.js';

/**
 * One ecosystem's version ordering, as OSV's `ECOSYSTEM` ranges need it.
 *
 * Advisories and lockfiles carry versions that the ecosystem's own tools
 * would refuse (`1.0` for npm, `19.03.0` for Go); `compare` still orders
 * them, by a lenient reading, so that one odd bound does not hide a finding.
 */
export interface Versioning {
  ecosystem: EcosystemName;
  /** True when the ecosystem's own tooling accepts the string as a version. */
  isValid(version: string): boolean;
  /**
   * Negative when `a` sorts before `b`, zero when they are the same version
   * (`1.0` and `1.0.0` in NuGet), positive otherwise. Never throws: a
   * string the ecosystem refuses is read leniently (see each file).
   */
  compare(a: string, b: string): number;
}
