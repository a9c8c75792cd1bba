import { describeError, QuartermasterError } from '../core/errors.js';
import { moduleLogger } from '../core/log.js';
import type { DependencyGraph } from '../core/model.js';
import type {
  ExtractionSettings,
  Extractor,
  RepositoryFiles,
} from '../ecosystems/types.js';
import { unsupportedFormatOf } from './unsupported-formats.js';

const log = moduleLogger('scan.extract');

/** One graph read from one file by one extractor. */
export interface ExtractedSource {
  extractorId: string;
  file: string;
  graph: DependencyGraph;
}

/** A file that could not be read at all; its service keeps its last snapshot. */
export interface ExtractionFailure {
  file: string;
  line?: number;
  code: string;
  message: string;
}

export interface RepositoryExtraction {
  sources: ExtractedSource[];
  failures: ExtractionFailure[];
  /** Files in formats Quartermaster recognises but does not read yet. */
  unsupported: Array<{ file: string; format: string }>;
}

const PHASES: ReadonlyArray<Extractor['kind']> = [
  'sbom',
  'lockfile',
  'manifest',
];

function depth(path: string): number {
  return path.split('/').length;
}

function folderOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

function isWithin(path: string, folder: string): boolean {
  return folder === '' || path === folder || path.startsWith(`${folder}/`);
}

function toFailure(file: string, error: unknown): ExtractionFailure {
  if (error instanceof QuartermasterError) {
    return {
      file: error.file ?? file,
      line: error.line,
      code: error.code,
      message: error.message,
    };
  }
  // Not an input problem we anticipated: keep the scan going, but say so.
  log.error({ file, err: error }, 'extractor failed unexpectedly');
  return {
    file,
    code: 'ERR_EXTRACTOR_CRASHED',
    message: `the extractor failed unexpectedly (${describeError(error)}); please report it with the file`,
  };
}

/**
 * Runs every extractor over a repository's files. SBOMs go first and are
 * authoritative for their folder; lockfiles next, shallowest first, so a
 * reactor or workspace root consumes its members; manifests last, only
 * where no lockfile consumed them. A file that fails is recorded, nothing
 * else in its folder is read on its own, and the
 * rest of the repository is still read.
 */
export async function extractRepository(options: {
  repository: RepositoryFiles;
  extractors: readonly Extractor[];
  settings?: ExtractionSettings;
}): Promise<RepositoryExtraction> {
  const { repository, extractors, settings } = options;
  const result: RepositoryExtraction = {
    sources: [],
    failures: [],
    unsupported: [],
  };
  const consumed = new Set<string>();
  const sbomFolders: string[] = [];
  // A folder whose lockfile failed is unknown as a whole: reading its
  // module POMs or workspace manifests on their own would invent services
  // and hide the failure behind a partial answer.
  const failedFolders: string[] = [];
  const ordered = [...repository.paths].sort(
    (a, b) => depth(a) - depth(b) || a.localeCompare(b),
  );

  for (const phase of PHASES) {
    for (const path of ordered) {
      if (consumed.has(path)) continue;
      if (failedFolders.some((f) => isWithin(path, f))) continue;
      if (phase !== 'sbom' && sbomFolders.some((f) => isWithin(path, f)))
        continue;
      for (const extractor of extractors) {
        if (extractor.kind !== phase || !extractor.matches(path)) continue;
        try {
          const text = await repository.readText(path);
          if (text === undefined) continue;
          const graph = await extractor.extract({
            path,
            text,
            repository,
            settings,
          });
          result.sources.push({ extractorId: extractor.id, file: path, graph });
          for (const file of [path, ...graph.files]) consumed.add(file);
          if (phase === 'sbom') sbomFolders.push(folderOf(path));
        } catch (error) {
          result.failures.push(toFailure(path, error));
          consumed.add(path);
          failedFolders.push(folderOf(path));
        }
        break;
      }
    }
  }

  for (const path of ordered) {
    const format = unsupportedFormatOf(path);
    if (format && !consumed.has(path))
      result.unsupported.push({ file: path, format });
  }
  return result;
}
