import { discoverRepositories } from '../catalog/discover.js';
import type { ServiceRecord } from '../core/catalog.js';
import { describeError, QuartermasterError } from '../core/errors.js';
import type { GraphPackage, GraphRoot } from '../core/model.js';
import { extractorsFor } from '../ecosystems/lazy-registry.js';
import { listRepositoryFiles } from '../catalog/walk.js';
import { suffixed } from '../scan/claim-service-name.js';
import type { ExtractionSettings } from '../ecosystems/types.js';
import type { ExtractionFailure } from '../scan/extract-repository.js';
import {
  scanRepository,
  type ScannedService,
} from '../scan/scan-repository.js';

/** Bumped whenever a field changes meaning or disappears; additions keep it. */
export const INVENTORY_FORMAT_VERSION = 1;

/** `quartermaster inventory --json`: documented in docs/inventory-format.md. */
export interface Inventory {
  formatVersion: typeof INVENTORY_FORMAT_VERSION;
  generatedAt: string;
  repositories: InventoryRepository[];
}

export interface InventoryRepository {
  root: string;
  gitCommit?: string;
  services: InventoryService[];
  /** Files that failed where no service could be named. */
  problems: ExtractionFailure[];
}

export interface InventoryService {
  service: ServiceRecord;
  roots: GraphRoot[];
  packages: InventoryPackage[];
  /** Parent → child pairs by package `key`, roots included. */
  edges: Array<[string, string]>;
  files: string[];
  warnings: ScannedService['graph']['warnings'];
  problems: ExtractionFailure[];
  unsupported: ScannedService['unsupported'];
}

export type InventoryPackage = Omit<GraphPackage, 'skipReason'> & {
  skipReason?: string;
};

function toInventoryService(scanned: ScannedService): InventoryService {
  const { graph } = scanned;
  return {
    service: scanned.record,
    roots: graph.roots,
    packages: graph.packages,
    edges: graph.edges.map((e) => [e.from, e.to]),
    files: graph.files,
    warnings: graph.warnings,
    problems: scanned.failures,
    unsupported: scanned.unsupported,
  };
}

/**
 * What a scan of `paths` would find, without a database: every repository,
 * its services and their packages and edges.
 */
export async function buildInventory(options: {
  paths: string[];
  settings?: ExtractionSettings;
  maxFileBytes?: number;
}): Promise<Inventory> {
  const roots = await discoverRepositories(options.paths);
  const repositories: InventoryRepository[] = [];
  for (const root of roots) {
    try {
      const listing = await listRepositoryFiles(root);
      const scanned = await scanRepository({
        root,
        listing,
        extractors: await extractorsFor(listing.files),
        settings: options.settings,
        maxFileBytes: options.maxFileBytes,
      });
      repositories.push({
        root,
        gitCommit: scanned.gitCommit,
        services: scanned.services.map(toInventoryService),
        problems: scanned.orphanFailures,
      });
    } catch (error) {
      const code =
        error instanceof QuartermasterError
          ? error.code
          : 'ERR_REPOSITORY_UNREADABLE';
      repositories.push({
        root,
        services: [],
        problems: [{ file: root, code, message: describeError(error) }],
      });
    }
  }
  giveUniqueNames(repositories);
  return {
    formatVersion: INVENTORY_FORMAT_VERSION,
    generatedAt: new Date().toISOString(),
    repositories,
  };
}

/**
 * The names a scan would store (claimServiceName): when two repositories
 * give one name, a service named only after its package takes its
 * repository's folder as a suffix, and a descriptor's name wins over it.
 * Two descriptors with one name stay as they are; a scan refuses the
 * second with ERR_SERVICE_NAME_CONFLICT.
 */
function giveUniqueNames(repositories: InventoryRepository[]): void {
  const holders = new Map<string, InventoryService>();
  const key = (s: InventoryService) =>
    `${s.service.namespace}/${s.service.name}`;
  const described = (s: InventoryService) =>
    s.service.descriptorFile !== undefined;
  for (const repository of repositories)
    for (const service of repository.services) {
      const holder = holders.get(key(service));
      if (!holder || holder.service.repository === service.service.repository) {
        holders.set(key(service), service);
        continue;
      }
      const yielding =
        described(service) && !described(holder) ? holder : service;
      if (described(yielding)) continue;
      yielding.service = {
        ...yielding.service,
        name: suffixed(yielding.service.name, yielding.service.repository),
      };
      if (yielding === holder) holders.set(key(service), service);
      holders.set(key(yielding), yielding);
    }
}
