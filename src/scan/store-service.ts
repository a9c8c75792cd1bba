import { describeError, QuartermasterError } from '../core/errors.js';
import type { QmDatabase } from '../store/database.js';
import { recordScanError } from '../store/scans/record-scan-error.js';
import { markServiceSeen } from '../store/services/mark-service-seen.js';
import { markRepositorySeen } from '../store/repositories/repository-fingerprints.js';
import { readContentHash } from '../store/services/read-content-hash.js';
import { writeSnapshot } from '../store/services/write-snapshot.js';
import { claimServiceName } from './claim-service-name.js';
import type { ScanProblem } from './scan.js';
import type { ScannedRepository, ScannedService } from './scan-repository.js';

export interface StoredOutcome {
  status: 'written' | 'unchanged' | 'failed';
  packageCount: number;
  problems: ScanProblem[];
}

/**
 * Stores one scanned service: a new snapshot when its inputs changed, a
 * "seen" mark when they did not, and its errors when a file of it could not
 * be read (its previous snapshot then stays current).
 */
export async function storeService(options: {
  db: QmDatabase;
  scanId: number;
  repository: ScannedRepository;
  service: ScannedService;
}): Promise<StoredOutcome> {
  const { db, scanId, repository } = options;
  const claim = await claimServiceName(db, options.service.record, scanId);
  if (!claim.ok) {
    const file =
      options.service.record.descriptorFile ?? options.service.record.path;
    const problem = {
      repository: repository.root,
      service: options.service.record.name,
      file,
      code: claim.code,
      message: claim.message,
    };
    await recordScanError(db, {
      scanId,
      repository: repository.root,
      file,
      code: claim.code,
      message: claim.message,
    });
    return { status: 'failed', packageCount: 0, problems: [problem] };
  }
  const service = { ...options.service, record: claim.record };
  const ref = {
    namespace: service.record.namespace,
    name: service.record.name,
  };
  const problems = service.failures.map((f) => ({
    ...f,
    repository: repository.root,
    service: ref.name,
  }));
  const seenAt = new Date();

  try {
    if (problems.length > 0) {
      // The repository's services were marked seen already and the last
      // snapshot stays. The catalog record (owner, exposure, tags) comes
      // from the descriptor: when that was read, it is current and is
      // stored, so an owner change does not wait for a lockfile fix; when
      // the descriptor failed, the record is incomplete and is not.
      if (!problems.some((p) => /^ERR_CATALOG_/.test(p.code)))
        await markServiceSeen(db, { scanId, service: service.record, seenAt });
      for (const p of problems) {
        await recordScanError(db, {
          scanId,
          service: ref,
          repository: repository.root,
          file: p.file,
          line: p.line,
          code: p.code,
          message: p.message,
        });
      }
      return { status: 'failed', packageCount: 0, problems };
    }

    const current = await readContentHash(db, ref);
    if (
      current &&
      !current.retired &&
      current.contentHash === service.contentHash
    ) {
      await markServiceSeen(db, { scanId, service: service.record, seenAt });
      return { status: 'unchanged', packageCount: 0, problems };
    }

    const written = await writeSnapshot(db, {
      scanId,
      service: service.record,
      graph: service.graph,
      contentHash: service.contentHash,
      gitCommit: repository.gitCommit,
      takenAt: seenAt,
    });
    return { status: 'written', packageCount: written.packageCount, problems };
  } catch (error) {
    // The write rolled back; keep the repository's services (and their
    // last snapshots) live.
    await markRepositorySeen(db, {
      root: repository.root,
      scanId,
      seenAt,
    }).catch(() => 0);
    const code =
      error instanceof QuartermasterError ? error.code : 'ERR_STORE_WRITE';
    const message = `${describeError(error)}; the previous snapshot stays current`;
    await recordScanError(db, {
      scanId,
      service: ref,
      repository: repository.root,
      code,
      message,
    }).catch(() => undefined);
    return {
      status: 'failed',
      packageCount: 0,
      problems: [
        {
          repository: repository.root,
          service: ref.name,
          file: service.record.descriptorFile ?? service.record.path,
          code,
          message,
        },
      ],
    };
  }
}
