export type { GroupLink } from './groups.js';
export type { MatchedPackage } from './match-packages.js';
export { parsePackageSpec, type PackageSpec } from './package-spec.js';
export type { ServiceSummary } from './service-summary.js';
export {
  whoUses,
  type WhoUsesMatch,
  type WhoUsesOptions,
  type WhoUsesResult,
  type WhoUsesService,
} from './who-uses.js';
export type { DependencyPath, PathStep } from './who-uses-paths.js';
