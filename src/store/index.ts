export type { Database, QmDatabase } from './database.js';
export { dialectOf, type DialectName } from './dialect.js';
export { normalizeEntityRef } from './entity-ref.js';
export { replaceGroups, upsertGroups } from './groups/upsert-groups.js';
export { migrateToLatest } from './migrate.js';
export {
  defaultDatabasePath,
  isPostgresTarget,
  openStore,
  type Store,
} from './open-store.js';
export { upsertPackages } from './packages/upsert-packages.js';
export {
  finishScan,
  type FinishScanInput,
  type ScanCounts,
  type ScanStatus,
} from './scans/finish-scan.js';
export {
  recordScanError,
  type ScanErrorInput,
} from './scans/record-scan-error.js';
export { startScan } from './scans/start-scan.js';
export {
  markServiceSeen,
  type MarkServiceSeenInput,
} from './services/mark-service-seen.js';
export {
  readContentHash,
  type CurrentSnapshotInfo,
  type ServiceRef,
} from './services/read-content-hash.js';
export {
  retireUnseenServices,
  type RetireUnseenServicesInput,
} from './services/retire-unseen-services.js';
export {
  writeSnapshot,
  type WriteSnapshotInput,
  type WriteSnapshotResult,
} from './services/write-snapshot.js';
export { encodeGraph, type SnapshotRoot } from './snapshot-graph.js';
