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
  /** The component that named this SBOM by annotation: the graph is its own. */
  componentRef?: string;
}

/** A file that could not be read at all; its service keeps its last snapshot. */
export interface ExtractionFailure {
  file: string;
  line?: number;
  code: string;
  message: string;
  /** The component this failure belongs to, when the folder cannot tell. */
  componentRef?: string;
}

/**
 * An SBOM a component names by `quartermaster.dev/sbom`, already checked to
 * lie inside the repository: read whatever its name, discovered or not.
 */
export interface GivenSbom {
  file: string;
  componentRef: string;
  /** Descriptor, component and annotation, for messages. */
  namedBy: string;
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
 * Runs every extractor over a repository's files. SBOMs that components
 * name go first, each its component's graph, and folders whose components
 * all name one are not read further; found SBOMs go next and are
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
  /** Read first, each as its component's whole graph. */
  givenSboms?: readonly GivenSbom[];
  /** Folders whose files are not read: their components name an SBOM. */
  replacedBySbom?: (folder: string) => boolean;
}): Promise<RepositoryExtraction> {
  const { repository, extractors, settings } = options;
  const result: RepositoryExtraction = {
    sources: [],
    failures: [],
    unsupported: [],
  };
  const consumed = new Set<string>();
  for (const given of options.givenSboms ?? []) {
    await readGivenSbom({ repository, settings, given, result });
    consumed.add(given.file);
  }
  const replaced = options.replacedBySbom ?? (() => false);
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
      if (consumed.has(path) || replaced(folderOf(path))) continue;
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

/**
 * Reads the SBOM a component names, picking the reader by content. Every
 * failure, a missing file included, belongs to that component and says
 * which annotation named the file.
 */
async function readGivenSbom(options: {
  repository: RepositoryFiles;
  settings?: ExtractionSettings;
  given: GivenSbom;
  result: RepositoryExtraction;
}): Promise<void> {
  const { repository, settings, given, result } = options;
  const fail = (code: string, message: string, line?: number) =>
    result.failures.push({
      file: given.file,
      line,
      code,
      message: `${given.namedBy}: ${message}`,
      componentRef: given.componentRef,
    });
  try {
    const text = await repository.readText(given.file);
    if (text === undefined) {
      return void fail(
        'ERR_SBOM_ANNOTATION_MISSING',
        `${given.file} does not exist; have CI write the SBOM there before ` +
          "the scan, or fix the path (relative to the descriptor's folder)",
      );
    }
    // Loaded only when a component names an SBOM, as extractors are.
    const { sbomReaderFor } = await import('../sbom/sbom-reader-for.js');
    const reader = sbomReaderFor(text);
    if (!reader) {
      return void fail(
        'ERR_SBOM_ANNOTATION_UNREADABLE',
        `${given.file} is neither CycloneDX (JSON or XML) nor SPDX (JSON ` +
          'or tag-value); point the annotation at the SBOM, or export it ' +
          'again in one of those formats',
      );
    }
    const graph = await reader.extract({
      path: given.file,
      text,
      repository,
      settings,
    });
    result.sources.push({
      extractorId: reader.id,
      file: given.file,
      graph,
      componentRef: given.componentRef,
    });
  } catch (error) {
    const failure = toFailure(given.file, error);
    fail(
      'ERR_SBOM_ANNOTATION_UNREADABLE',
      `${given.file} cannot be read as an SBOM (${failure.message} ` +
        `[${failure.code}]); fix or export it again, or point the ` +
        'annotation at another file',
      failure.line,
    );
  }
}
