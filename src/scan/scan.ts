import path from 'node:path';
import { discoverRepositories } from '../catalog/discover.js';
import { listRepositoryFiles } from '../catalog/walk.js';
import { describeError, QuartermasterError } from '../core/errors.js';
import { moduleLogger } from '../core/log.js';
import { extractorsFor } from '../ecosystems/lazy-registry.js';
import type { ExtractionSettings, Extractor } from '../ecosystems/types.js';
import type { QmDatabase } from '../store/database.js';
import {
  markRepositorySeen,
  hasRetiredServices,
  readRepositoryFingerprint,
} from '../store/repositories/repository-fingerprints.js';
import { finishScan } from '../store/scans/finish-scan.js';
import { startScan } from '../store/scans/start-scan.js';
import { retireVanishedRepositories } from '../store/services/retire-vanished-repositories.js';
import type { ExtractionFailure } from './extract-repository.js';
import { refreshStatistics } from '../store/refresh-statistics.js';
import { matchNewSnapshots } from './match-new-snapshots.js';
import { fingerprintRepository } from './repository-fingerprint.js';
import { scanRepository } from './scan-repository.js';
import { storeRepository } from './store-repository.js';

const log = moduleLogger('scan');

export interface ScanOptions {
  db: QmDatabase;
  /** Repositories or folders of repositories. */
  paths: string[];
  extractors?: readonly Extractor[];
  settings?: ExtractionSettings;
  maxFileBytes?: number;
  /** Called after each repository, for a progress bar. */
  onProgress?: (done: number, total: number, repository: string) => void;
  /** Re-read repositories even when their fingerprint says nothing changed. */
  force?: boolean;
}

/** A problem the summary reports; the service named kept its last snapshot. */
export interface ScanProblem extends ExtractionFailure {
  service?: string;
  repository: string;
}

/** The outcome of a scan: the `--json` shape of `quartermaster scan`. */
export interface ScanSummary {
  scanId: number;
  repositories: number;
  services: {
    scanned: number;
    written: number;
    unchanged: number;
    failed: number;
    retired: number;
  };
  packages: number;
  problems: ScanProblem[];
  unsupported: Array<{ service: string; file: string; format: string }>;
  /** The new snapshots matched against stored advisories; absent when none were. */
  matched?: { snapshots: number; findings: number };
}

/**
 * Scans every repository under `paths` into the store: one transaction per
 * service, failed services keep their previous snapshot, services that
 * disappeared are retired. Never throws for bad input inside a repository;
 * a path that does not exist is an InputError.
 */
export async function scan(options: ScanOptions): Promise<ScanSummary> {
  const { db } = options;
  const roots = await discoverRepositories(options.paths);
  const scanId = await startScan(db);
  const summary: ScanSummary = {
    scanId,
    repositories: roots.length,
    services: { scanned: 0, written: 0, unchanged: 0, failed: 0, retired: 0 },
    packages: 0,
    problems: [],
    unsupported: [],
  };
  const unreadable: string[] = [];

  for (const [index, root] of roots.entries()) {
    try {
      const listing = await listRepositoryFiles(root);
      const fingerprint = await fingerprintRepository({
        root,
        files: listing.files,
        settings: options.settings,
      });
      if (
        !options.force &&
        (await readRepositoryFingerprint(db, root)) === fingerprint
      ) {
        const seen = await markRepositorySeen(db, {
          root,
          scanId,
          seenAt: new Date(),
        });
        // None live but some retired: it vanished and came back unchanged
        // (a move keeps file times), so it is read again, not skipped.
        if (seen > 0 || !(await hasRetiredServices(db, root))) {
          summary.services.scanned += seen;
          summary.services.unchanged += seen;
          options.onProgress?.(index + 1, roots.length, root);
          continue;
        }
      }

      const repository = await scanRepository({
        root,
        listing,
        extractors: options.extractors ?? (await extractorsFor(listing.files)),
        settings: options.settings,
        maxFileBytes: options.maxFileBytes,
      });
      await storeRepository({ db, scanId, repository, fingerprint, summary });
    } catch (error) {
      // The repository could not be listed at all: keep everything it had.
      unreadable.push(root);
      summary.services.failed++;
      const code =
        error instanceof QuartermasterError
          ? error.code
          : 'ERR_REPOSITORY_UNREADABLE';
      log.warn(
        { repository: root, err: error },
        'repository skipped; its services keep their snapshots',
      );
      summary.problems.push({
        repository: root,
        file: root,
        code,
        message: describeError(error),
      });
    }
    options.onProgress?.(index + 1, roots.length, root);
  }

  // An empty folder (an unmounted volume, a failed checkout) must not
  // retire everything that was ever scanned under it.
  const under = options.paths.map((p) => path.resolve(p));
  const populated = under.filter((folder) =>
    roots.some((root) => root === folder || root.startsWith(`${folder}/`)),
  );
  for (const folder of under.filter((f) => !populated.includes(f))) {
    summary.problems.push({
      repository: folder,
      file: folder,
      code: 'ERR_NO_REPOSITORIES',
      message:
        'no repository found here; services scanned here before are kept, not retired',
    });
  }
  summary.services.retired += await retireVanishedRepositories(db, {
    scanId,
    under: populated,
    keep: unreadable,
    retiredAt: new Date(),
  });
  await finishScan(db, {
    scanId,
    status:
      summary.problems.length === 0
        ? 'succeeded'
        : summary.services.written + summary.services.unchanged > 0
          ? 'partial'
          : 'failed',
    counts: {
      repositories: summary.repositories,
      ...summary.services,
      packages: summary.packages,
      problems: summary.problems.length,
    },
  });
  await refreshStatistics(db, {
    tables: ['snapshot_packages', 'snapshots', 'packages', 'services'],
    changedRows: summary.packages,
  });
  // After the scan is recorded: the snapshots stand even if matching fails.
  const matched = await matchNewSnapshots(db, scanId);
  if (matched)
    summary.matched = {
      snapshots: matched.snapshots,
      findings: matched.findings,
    };
  return summary;
}
