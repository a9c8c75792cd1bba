import type { DependencyGraph, EcosystemName } from '../core/model.js';

/**
 * The files of one repository as an extractor sees them. Paths are
 * repository-relative with forward slashes. Reading never throws for a
 * missing file; size limits are enforced here, not by each parser.
 */
export interface RepositoryFiles {
  /** Every file of the repository that discovery kept (sorted). */
  readonly paths: readonly string[];
  /**
   * The text of a file without a leading byte order mark, or undefined when
   * it does not exist. Throws InputError (ERR_FILE_TOO_LARGE) past the size
   * limit.
   */
  readText(path: string): Promise<string | undefined>;
}

/** A Maven repository to fetch POMs from (mirrors and credentials included). */
export interface MavenRepositorySetting {
  id: string;
  url: string;
  username?: string;
  password?: string;
}

/** Settings some extractors need; all optional, with documented defaults. */
export interface ExtractionSettings {
  maven?: {
    /** Remote repositories, in order; Maven Central when empty. */
    repositories?: MavenRepositorySetting[];
    /** On-disk cache of fetched POMs. */
    cacheDir?: string;
    /** Local repository read before any fetch (default `~/.m2/repository`). */
    localRepository?: string;
    /** Never fetch; unresolvable POMs become warnings. */
    offline?: boolean;
  };
}

/** What an extractor is asked to read: one file that it matched, in its repository. */
export interface ExtractionRequest {
  /** Repository-relative path of the matched file. */
  path: string;
  /** Its text, already read. */
  text: string;
  repository: RepositoryFiles;
  settings?: ExtractionSettings;
}

/**
 * Reads one lockfile or manifest format into a dependency graph. One
 * extractor per file format (STYLE.md), even within one ecosystem.
 */
export interface Extractor {
  /** Stable id, e.g. `npm-package-lock`. */
  id: string;
  /** The ecosystem it reads; null for SBOMs, which span several. */
  ecosystem: EcosystemName | null;
  /**
   * `lockfile` extractors read resolved versions and run first; a `manifest`
   * extractor only runs on files no lockfile extractor consumed (its graph is
   * then marked unresolved where versions are ranges).
   */
  kind: 'lockfile' | 'manifest' | 'sbom';
  /** True when this extractor reads the file at this repository-relative path. */
  matches(path: string): boolean;
  /**
   * Reads the file (and any siblings it needs through `repository`). Throws
   * InputError with a stable code, the file and the line where known when
   * the file as a whole cannot be read (an empty lockfile, see
   * `refusingEmpty`, or one whose structure has the wrong type, see
   * `checkLockfileShape`); a bad entry becomes a warning or a package with
   * a `skipReason`, never a thrown error.
   */
  extract(request: ExtractionRequest): Promise<DependencyGraph>;
}

/** An ecosystem plugin: its id and its extractors, wiring only. */
export interface Ecosystem {
  name: EcosystemName;
  extractors: readonly Extractor[];
}
