export type { DependencyTreeNode, TreeNodeInfo } from './dependency-tree.js';
export { findService } from './find-service.js';
export {
  getDependencies,
  type DependenciesResult,
  type FlatDependency,
  type GetDependenciesOptions,
} from './get-dependencies.js';
export type { GroupLink } from './groups.js';
export {
  listServices,
  type ExposureFilter,
  type ListServicesOptions,
  type ListServicesResult,
  type ServiceListItem,
} from './list-services.js';
export type { MatchedPackage } from './match-packages.js';
export {
  ownerRollup,
  type OwnerRollupGroup,
  type OwnerRollupResult,
} from './owner-rollup.js';
export { parsePackageSpec, type PackageSpec } from './package-spec.js';
export {
  scanErrors,
  type ScanErrorEntry,
  type ScanErrorsResult,
  type ScanInfo,
} from './scan-errors.js';
export {
  serviceHistory,
  type ServiceHistoryResult,
  type SnapshotEntry,
} from './service-history.js';
export type { ServiceSummary } from './service-summary.js';
export {
  whoUses,
  type WhoUsesMatch,
  type WhoUsesOptions,
  type WhoUsesResult,
  type WhoUsesService,
} from './who-uses.js';
export type { DependencyPath, PathStep } from './who-uses-paths.js';
