import type { Migration } from 'kysely/migration';
import * as createCatalog from './20261203120000_create-catalog.js';
import * as createScans from './20261203120100_create-scans.js';
import * as createInventory from './20261203120200_create-inventory.js';
import * as createAdvisories from './20261203170000_create-advisories.js';
import * as createRepositories from './20261203180000_create-repositories.js';
import * as createDecisions from './20261203190000_create-decisions.js';
import * as createEnrichment from './20261203191000_create-enrichment.js';
import * as addNodeMetrics from './20261203200000_add-node-metrics.js';
import * as addAdvisoryAffected from './20261203201000_add-advisory-affected.js';
import * as dropFindingsServiceIndex from './20261204110000_drop-findings-service-index.js';
import * as dropFindingsForeignKeys from './20261204130000_drop-findings-foreign-keys.js';
import * as addSnapshotPackageVersions from './20261204140000_add-snapshot-package-versions.js';
import * as recountPathsThroughRoots from './20261204150000_recount-paths-through-roots.js';
import * as shareFindingReasons from './20261204160000_share-finding-reasons.js';
import * as addFindingFactsHash from './20261204170000_add-finding-facts-hash.js';

/**
 * Every migration, listed by hand so that a tsc build needs no folder scan.
 * Add new entries at the end with a later timestamp.
 */
export const MIGRATIONS: Record<string, Migration> = {
  '20261203120000_create-catalog': createCatalog,
  '20261203120100_create-scans': createScans,
  '20261203120200_create-inventory': createInventory,
  '20261203170000_create-advisories': createAdvisories,
  '20261203180000_create-repositories': createRepositories,
  '20261203190000_create-decisions': createDecisions,
  '20261203191000_create-enrichment': createEnrichment,
  '20261203200000_add-node-metrics': addNodeMetrics,
  '20261203201000_add-advisory-affected': addAdvisoryAffected,
  '20261204110000_drop-findings-service-index': dropFindingsServiceIndex,
  '20261204130000_drop-findings-foreign-keys': dropFindingsForeignKeys,
  '20261204140000_add-snapshot-package-versions': addSnapshotPackageVersions,
  '20261204150000_recount-paths-through-roots': recountPathsThroughRoots,
  '20261204160000_share-finding-reasons': shareFindingReasons,
  '20261204170000_add-finding-facts-hash': addFindingFactsHash,
};
