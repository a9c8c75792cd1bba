import { appendAll } from '../core/arrays.js';
import type { QmDatabase } from '../store/database.js';
import { upsertGroups } from '../store/groups/upsert-groups.js';
import {
  markRepositorySeen,
  saveRepositoryFingerprint,
} from '../store/repositories/repository-fingerprints.js';
import { recordScanError } from '../store/scans/record-scan-error.js';
import { findCoveringService } from '../store/services/find-covering-service.js';
import { retireUnseenServices } from '../store/services/retire-unseen-services.js';
import type { ScanSummary } from './scan.js';
import type { ScannedRepository } from './scan-repository.js';
import { storeService } from './store-service.js';

/**
 * Stores what one repository's scan found and adds it to the summary.
 * When any file of the repository failed, every live service of it is first
 * marked seen and nothing of it is retired: a service whose only lockfile
 * broke must keep its last good snapshot, not vanish from the answers.
 */
export async function storeRepository(options: {
  db: QmDatabase;
  scanId: number;
  repository: ScannedRepository;
  fingerprint: string;
  summary: ScanSummary;
}): Promise<void> {
  const { db, scanId, repository, summary } = options;
  const root = repository.root;
  const failed =
    repository.orphanFailures.length > 0 ||
    repository.services.some((s) => s.failures.length > 0);
  await upsertGroups(db, repository.groups);
  if (failed)
    await markRepositorySeen(db, { root, scanId, seenAt: new Date() });

  let complete = !failed;
  for (const service of repository.services) {
    const outcome = await storeService({ db, scanId, repository, service });
    complete &&= outcome.status !== 'failed';
    summary.services.scanned++;
    summary.services[outcome.status]++;
    summary.packages += outcome.packageCount;
    appendAll(summary.problems, outcome.problems);
    for (const u of service.unsupported) {
      summary.unsupported.push({ service: service.record.name, ...u });
    }
  }

  const charged = new Set<string>();
  for (const failure of repository.orphanFailures) {
    const service = await findCoveringService(db, {
      repository: root,
      file: failure.file,
    });
    await recordScanError(db, {
      scanId,
      service,
      repository: root,
      ...failure,
    });
    summary.problems.push({
      ...failure,
      repository: root,
      service: service?.name,
    });
    charged.add(service?.name ?? failure.file);
  }
  summary.services.scanned += charged.size;
  summary.services.failed += charged.size;

  if (complete) {
    summary.services.retired += await retireUnseenServices(db, {
      scanId,
      repository: root,
      retiredAt: new Date(),
    });
  }
  // Only a clean read may be skipped next time: a failed file must be retried.
  await saveRepositoryFingerprint(
    db,
    root,
    complete ? options.fingerprint : undefined,
  );
}
