import os from 'node:os';
import path from 'node:path';
import { moduleLogger } from '../../core/log.js';
import type { ExtractionSettings } from '../types.js';
import { applyMavenSettings, parseMavenSettings } from './maven-settings.js';
import {
  MAVEN_CENTRAL,
  MavenRepositoryClient,
  readOptional,
} from './repository-client.js';

const log = moduleLogger('ecosystems.maven.repository');

/** Options for {@link createMavenRepositoryClient}. */
export interface CreateMavenRepositoryClientOptions {
  /** settings.xml to read mirrors and servers from; default `~/.m2/settings.xml`. */
  settingsFile?: string;
  homeDir?: string;
}

/**
 * A client from ExtractionSettings with Maven's defaults: Maven Central when
 * no repository is set, `~/.cache/quartermaster/maven` as cache,
 * `~/.m2/repository` as local repository, mirrors and servers from
 * `~/.m2/settings.xml` when it exists (an unreadable one is skipped with a
 * warning).
 */
export async function createMavenRepositoryClient(
  settings: ExtractionSettings['maven'] = {},
  options: CreateMavenRepositoryClientOptions = {},
): Promise<MavenRepositoryClient> {
  const home = options.homeDir ?? os.homedir();
  const settingsFile =
    options.settingsFile ?? path.join(home, '.m2', 'settings.xml');
  const configured = settings.repositories?.length
    ? settings.repositories
    : [MAVEN_CENTRAL];
  let repositories = configured;
  let localFromSettings: string | undefined;
  const xml = await readOptional(settingsFile);
  if (xml !== undefined) {
    try {
      const parsed = parseMavenSettings(xml, settingsFile);
      repositories = applyMavenSettings(configured, parsed);
      localFromSettings = parsed.localRepository;
    } catch (error) {
      log.warn(
        { err: error, file: settingsFile },
        'settings.xml unreadable; using repositories as configured',
      );
    }
  }
  return new MavenRepositoryClient({
    repositories,
    cacheDir:
      settings.cacheDir ?? path.join(home, '.cache', 'quartermaster', 'maven'),
    localRepository:
      settings.localRepository ??
      localFromSettings ??
      path.join(home, '.m2', 'repository'),
    offline: settings.offline ?? false,
  });
}
