/**
 * Quartermaster as a library: the same application functions the command
 * line calls, with the result types that are also its `--json` shapes.
 *
 * @example
 * import { openStore, migrateToLatest, scan, whoUses } from 'quartermaster';
 * const store = openStore('org.db');
 * await migrateToLatest(store.db);
 * await scan({ db: store.db, paths: ['/src/our-org'] });
 * const result = await whoUses(store.db, { name: 'lodash', version: '<4.17.21', paths: true });
 */
export type * from './core/catalog.js';
export type * from './core/model.js';
export * from './core/errors.js';
export { buildPurl, normalizePackageName } from './core/purl.js';
export { loadConfig, type Config } from './config/config.js';
export {
  openStore,
  defaultDatabasePath,
  type Store,
} from './store/open-store.js';
export { migrateToLatest } from './store/migrate.js';
export {
  scan,
  type ScanOptions,
  type ScanSummary,
  type ScanProblem,
} from './scan/scan.js';
export {
  buildInventory,
  INVENTORY_FORMAT_VERSION,
  type Inventory,
} from './inventory/inventory.js';
export * from './queries/index.js';
export { allExtractors, ecosystems } from './ecosystems/registry.js';
