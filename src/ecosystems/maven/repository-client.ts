/**
 * Fetches POMs and maven-metadata.xml for dependency resolution.
 *
 * Lifecycle: one client per extraction run (or shared between runs). Every
 * answer is memoised in memory by path, so a POM is read from disk or the
 * network at most once per client. Lookup order for a POM: the local
 * repository (`~/.m2/repository`), the on-disk cache, then each remote
 * repository in order (404 moves on to the next). Offline, only the first
 * two are read. A file every remote lacks is remembered as missing, in the
 * memo and by a marker in the cache (missing-marker.ts), for
 * `missingMaxAgeMs`; after that it is requested again.
 */
import {
  mkdir,
  readFile,
  readdir,
  rename,
  stat,
  writeFile,
} from 'node:fs/promises';
import path from 'node:path';
import { UpstreamError } from '../../core/errors.js';
import { moduleLogger } from '../../core/log.js';
import type { MavenRepositorySetting } from '../types.js';
import { fetchRepositoryFile } from './fetch-repository-file.js';
import {
  MISSING_MAX_AGE_MS,
  markMissing,
  missingSince,
  repositoriesDigest,
} from './missing-marker.js';
import { list, parseHardenedXml } from './xml.js';

const log = moduleLogger('ecosystems.maven.repository');

/** Used when no repository is configured. */
export const MAVEN_CENTRAL: MavenRepositorySetting = {
  id: 'central',
  url: 'https://repo.maven.apache.org/maven2',
};

export interface MavenRepositoryClientOptions {
  repositories: MavenRepositorySetting[];
  cacheDir: string;
  localRepository?: string;
  offline: boolean;
  /** Per request; default 20 s. */
  timeoutMs?: number;
  /** Attempts per repository on 5xx and timeouts; default 3. */
  attempts?: number;
  /** First backoff delay, doubled per retry; default 250 ms. */
  backoffMs?: number;
  /** How long "no repository has it" is trusted; default one hour. */
  missingMaxAgeMs?: number;
}

const SAFE_PART = /^[A-Za-z0-9_][A-Za-z0-9_.+-]*$/;

/** True when coordinates are safe to turn into a file path or URL. */
export function isSafeCoordinate(...parts: string[]): boolean {
  return parts.every((p) => SAFE_PART.test(p) && !p.includes('..'));
}

/** Repository layout path of an artifact's POM. */
export function pomPath(
  groupId: string,
  artifactId: string,
  version: string,
): string {
  const group = groupId.replaceAll('.', '/');
  return `${group}/${artifactId}/${version}/${artifactId}-${version}.pom`;
}

/** Metadata (the version list) is refetched once a day; POMs never change. */
const METADATA_MAX_AGE_MS = 24 * 60 * 60 * 1000;

async function isFresh(file: string): Promise<boolean> {
  try {
    return Date.now() - (await stat(file)).mtimeMs < METADATA_MAX_AGE_MS;
  } catch {
    return false;
  }
}

export async function readOptional(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}

export class MavenRepositoryClient {
  private readonly memo = new Map<string, Promise<string | undefined>>();
  /** When each memoised "missing" answer was given, to let it expire. */
  private readonly missingAt = new Map<string, number>();
  private readonly digest: string;
  private readonly options: Required<
    Omit<MavenRepositoryClientOptions, 'localRepository'>
  > & { localRepository?: string };

  constructor(options: MavenRepositoryClientOptions) {
    this.options = {
      timeoutMs: 20_000,
      attempts: 3,
      backoffMs: 250,
      missingMaxAgeMs: MISSING_MAX_AGE_MS,
      ...options,
    };
    this.digest = repositoriesDigest(options.repositories);
  }

  /**
   * The text of a POM, or undefined when no repository has it. Throws
   * UpstreamError when it was not found and a repository failed (5xx,
   * timeout, refused connection), since the answer is then unknown.
   */
  fetchPom(
    groupId: string,
    artifactId: string,
    version: string,
  ): Promise<string | undefined> {
    if (!isSafeCoordinate(groupId, artifactId, version)) {
      return Promise.resolve(undefined);
    }
    return this.fetchFile(pomPath(groupId, artifactId, version), false);
  }

  /**
   * The versions an artifact has, in no particular order: from
   * maven-metadata.xml of the remotes (or the cache) and from the folders
   * of the local repository. Empty when nothing is known.
   */
  async listVersions(groupId: string, artifactId: string): Promise<string[]> {
    if (!isSafeCoordinate(groupId, artifactId)) return [];
    const folder = `${groupId.replaceAll('.', '/')}/${artifactId}`;
    const versions = new Set<string>(await this.localVersions(folder));
    let metadata: string | undefined;
    try {
      metadata = await this.fetchFile(`${folder}/maven-metadata.xml`, true);
    } catch (error) {
      log.warn(
        { err: error, folder },
        'metadata unavailable; using local versions',
      );
    }
    if (metadata) {
      try {
        const root = parseHardenedXml(metadata, `${folder}/maven-metadata.xml`);
        const versioning = (
          root.metadata as Record<string, unknown> | undefined
        )?.versioning;
        for (const v of list(versioning as never, 'versions', 'version')) {
          if (typeof v === 'string') versions.add(v);
        }
      } catch (error) {
        log.warn(
          { err: error, folder },
          'metadata unreadable; using local versions',
        );
      }
    }
    return [...versions];
  }

  private async localVersions(folder: string): Promise<string[]> {
    const local = this.options.localRepository;
    if (!local) return [];
    const dir = path.join(local, folder);
    const artifactId = path.basename(folder);
    try {
      const entries = await readdir(dir, { withFileTypes: true });
      const out: string[] = [];
      for (const entry of entries) {
        if (!entry.isDirectory()) continue;
        const pom = path.join(
          dir,
          entry.name,
          `${artifactId}-${entry.name}.pom`,
        );
        if ((await readOptional(pom)) !== undefined) out.push(entry.name);
      }
      return out;
    } catch {
      return [];
    }
  }

  private fetchFile(
    relative: string,
    metadata: boolean,
  ): Promise<string | undefined> {
    const missingAt = this.missingAt.get(relative);
    if (
      missingAt !== undefined &&
      Date.now() - missingAt >= this.options.missingMaxAgeMs
    ) {
      this.missingAt.delete(relative);
      this.memo.delete(relative);
    }
    let pending = this.memo.get(relative);
    if (!pending) {
      pending = this.lookup(relative, metadata);
      this.memo.set(relative, pending);
    }
    return pending;
  }

  private async lookup(
    relative: string,
    metadata: boolean,
  ): Promise<string | undefined> {
    const { localRepository, cacheDir, offline } = this.options;
    if (localRepository && !metadata) {
      const text = await readOptional(path.join(localRepository, relative));
      if (text !== undefined) return text;
    }
    const cachePath = path.join(cacheDir, relative);
    const cached = await readOptional(cachePath);
    if (cached !== undefined && (offline || !metadata)) return cached;
    if (cached !== undefined && (await isFresh(cachePath))) return cached;
    if (offline) return undefined;
    const { missingMaxAgeMs } = this.options;
    const marked = await missingSince(cachePath, this.digest, missingMaxAgeMs);
    if (marked !== undefined) {
      this.missingAt.set(relative, marked);
      return cached;
    }
    try {
      const text = await this.fetchRemote(relative);
      if (text === undefined) await this.rememberMissing(relative, cachePath);
      return text ?? cached;
    } catch (error) {
      // Stale metadata beats none when the repositories are down.
      if (cached !== undefined) return cached;
      throw error;
    }
  }

  private async rememberMissing(
    relative: string,
    cachePath: string,
  ): Promise<void> {
    if (this.options.repositories.length === 0) return;
    this.missingAt.set(relative, Date.now());
    await markMissing(cachePath, this.digest);
  }

  private async fetchRemote(relative: string): Promise<string | undefined> {
    let failure: unknown;
    for (const repository of this.options.repositories) {
      try {
        const result = await fetchRepositoryFile(
          repository,
          relative,
          this.options,
        );
        if (result.status === 'found') {
          await this.store(relative, result.text);
          return result.text;
        }
      } catch (error) {
        failure = error;
        log.warn(
          { err: error, repository: repository.id },
          'repository failed; trying the next',
        );
      }
    }
    if (failure) {
      throw new UpstreamError(
        'ERR_MAVEN_REPOSITORY_UNAVAILABLE',
        `could not fetch ${relative}: a Maven repository did not answer ` +
          `(${(failure as Error).message}); retry later, check the repository ` +
          'settings, or on a machine without network access resolve from ' +
          '~/.m2 alone with QM_MAVEN_OFFLINE=true',
        { cause: failure },
      );
    }
    return undefined;
  }

  private async store(relative: string, text: string): Promise<void> {
    const target = path.join(this.options.cacheDir, relative);
    try {
      await mkdir(path.dirname(target), { recursive: true });
      // Write then rename, so a concurrent reader never sees half a file.
      const temporary = `${target}.${process.pid}.${Date.now()}.tmp`;
      await writeFile(temporary, text);
      await rename(temporary, target);
    } catch (error) {
      log.warn(
        { err: error, target },
        'cache write failed; continuing without it',
      );
    }
  }
}
