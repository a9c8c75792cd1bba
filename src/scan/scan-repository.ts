import { createHash } from 'node:crypto';
import type { GroupRecord, ServiceRecord } from '../core/catalog.js';
import type { DependencyGraph } from '../core/model.js';
import { readCatalogDescriptors } from '../catalog/backstage.js';
import { readCodeowners } from '../catalog/codeowners.js';
import { readGitCommit } from '../catalog/git.js';
import { DiskRepositoryFiles } from '../catalog/repository-files.js';
import {
  readSbomAnnotations,
  replacedBySbom,
} from '../catalog/sbom-annotation.js';
import { buildServices } from '../catalog/services.js';
import {
  listRepositoryFiles,
  type RepositoryListing,
} from '../catalog/walk.js';
import type { ExtractionSettings, Extractor } from '../ecosystems/types.js';
import {
  extractRepository,
  type ExtractedSource,
  type ExtractionFailure,
} from './extract-repository.js';
import { checkGivenSboms } from './given-sboms.js';
import { HashingRepositoryFiles } from './hashing-repository-files.js';
import { mergeGraphs } from './merge-graphs.js';

/** Bump when extraction changes, so every service is re-read once. */
export const EXTRACTION_REVISION = '1';

/** One service of a repository, ready to be stored (or found broken). */
export interface ScannedService {
  record: ServiceRecord;
  graph: DependencyGraph;
  contentHash: string;
  /** Files of this service that could not be read: no snapshot is written. */
  failures: ExtractionFailure[];
  /** Formats in the service's folder that Quartermaster does not read yet. */
  unsupported: Array<{ file: string; format: string }>;
}

export interface ScannedRepository {
  root: string;
  gitCommit?: string;
  services: ScannedService[];
  groups: GroupRecord[];
  /** Failures no service could be found for (e.g. the only lockfile of a folder). */
  orphanFailures: ExtractionFailure[];
}

function isWithin(file: string, folder: string): boolean {
  return folder === '' || file === folder || file.startsWith(`${folder}/`);
}

/** The service whose folder holds `file` most closely, if any. */
function serviceFor(
  file: string,
  services: readonly ScannedService[],
): ScannedService | undefined {
  let best: ScannedService | undefined;
  for (const service of services) {
    const folder = service.record.path;
    if (
      isWithin(file, folder) &&
      (!best || folder.length > best.record.path.length)
    ) {
      best = service;
    }
  }
  return best;
}

/** Graph index → the component that named that SBOM by annotation. */
function givenSbomOwners(sources: readonly ExtractedSource[]) {
  const owners = new Map<number, string>();
  sources.forEach((source, index) => {
    if (source.componentRef) owners.set(index, source.componentRef);
  });
  return owners;
}

function componentRefOf(record: ServiceRecord): string | undefined {
  if (record.descriptorFile === undefined) return undefined;
  return `component:${record.namespace}/${record.name}`;
}

async function hashService(
  files: HashingRepositoryFiles,
  record: ServiceRecord,
  graph: DependencyGraph,
): Promise<string> {
  const hash = createHash('sha256').update(EXTRACTION_REVISION);
  hash.update(JSON.stringify(record));
  for (const file of graph.files) {
    hash.update(`\n${file}\n${await files.hashOf(file)}`);
  }
  return hash.digest('hex');
}

/**
 * Reads one repository: lists its files, reads its catalog descriptors,
 * extracts every lockfile, manifest and SBOM (the SBOM a component names
 * by `quartermaster.dev/sbom` replacing its folder's lockfiles), reads
 * CODEOWNERS, and splits what it found into services. Nothing is stored
 * here; a broken file is attributed to the service whose folder holds it,
 * a named SBOM's failure to the component that named it.
 */
export async function scanRepository(options: {
  root: string;
  extractors: readonly Extractor[];
  settings?: ExtractionSettings;
  maxFileBytes?: number;
  /** The repository's listing, when the caller already made it. */
  listing?: RepositoryListing;
}): Promise<ScannedRepository> {
  const { root } = options;
  const listing = options.listing ?? (await listRepositoryFiles(root));
  const disk = new DiskRepositoryFiles({
    root,
    paths: listing.files,
    maxFileBytes: options.maxFileBytes,
  });
  const files = new HashingRepositoryFiles(disk);

  // Descriptors first: a component may name its SBOM, which replaces the
  // lockfiles of its folder.
  const descriptors = await readCatalogDescriptors(files);
  const given = await checkGivenSboms(
    readSbomAnnotations(descriptors.entities),
    disk,
  );
  const extraction = await extractRepository({
    repository: files,
    extractors: options.extractors,
    settings: options.settings,
    givenSboms: given.sboms,
    replacedBySbom: replacedBySbom(descriptors.entities),
  });
  const codeowners = await readCodeowners(files);
  const graphs = extraction.sources.map((s) => s.graph);
  const catalog = buildServices({
    repository: root,
    files: listing.files,
    descriptors,
    codeowners,
    graphs,
    givenSboms: givenSbomOwners(extraction.sources),
  });

  const services: ScannedService[] = [];
  for (const found of catalog.services) {
    const graph = mergeGraphs(
      found.graphs.map((g) => ({
        graph: graphs[g.graphIndex]!,
        rootKeys: g.rootKeys,
      })),
    );
    // A nameless project at the repository's top (a private monorepo root)
    // is the service itself: paths read "jest > ...", not ". > ...";
    // a Pipfile names no project at all.
    for (const root of graph.roots) {
      if (root.name === '.' || root.name.trim() === '')
        root.name = found.record.name;
    }
    graph.warnings.push(
      ...[...catalog.warnings, ...listing.warnings].filter((w) =>
        isWithin(w.file, found.record.path),
      ),
    );
    const contentHash = await hashService(files, found.record, graph);
    services.push({
      record: found.record,
      graph,
      contentHash,
      failures: [],
      unsupported: [],
    });
  }

  const orphanFailures: ExtractionFailure[] = [];
  // A descriptor that cannot be read leaves its services' owners and
  // exposure unknown: that is a failure of the folder, not a warning.
  const unreadableDescriptors = descriptors.warnings
    .filter((w) => w.code === 'ERR_CATALOG_UNREADABLE')
    .map((w) => ({
      file: w.file,
      line: w.line,
      code: w.code,
      message: w.message,
    }));
  const failures: ExtractionFailure[] = [
    ...given.failures,
    ...extraction.failures,
    ...listing.errors,
    ...unreadableDescriptors,
  ];
  for (const { componentRef, ...failure } of failures) {
    const service = componentRef
      ? services.find((s) => componentRefOf(s.record) === componentRef)
      : serviceFor(failure.file, services);
    if (service) service.failures.push(failure);
    else orphanFailures.push(failure);
  }
  for (const item of extraction.unsupported) {
    serviceFor(item.file, services)?.unsupported.push(item);
  }
  return {
    root,
    gitCommit: await readGitCommit(root),
    services,
    groups: catalog.groups,
    orphanFailures,
  };
}
