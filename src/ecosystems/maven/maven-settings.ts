import type { MavenRepositorySetting } from '../types.js';
import { list, parseHardenedXml, text } from './xml.js';

/** A `<mirror>` of settings.xml. */
export interface MavenMirror {
  id: string;
  url: string;
  /** `*`, `external:*`, ids, `!id`, comma-separated. */
  mirrorOf: string;
}

/** What we read of `~/.m2/settings.xml`. */
export interface MavenSettings {
  mirrors: MavenMirror[];
  servers: Map<string, { username?: string; password?: string }>;
  localRepository?: string;
}

/** Parses settings.xml (hardened XML). Throws InputError when unreadable. */
export function parseMavenSettings(xml: string, file: string): MavenSettings {
  const root = parseHardenedXml(xml, file).settings;
  const servers = new Map<string, { username?: string; password?: string }>();
  for (const s of list(root, 'servers', 'server')) {
    const id = text(s, 'id');
    if (id) {
      servers.set(id, {
        username: text(s, 'username'),
        password: text(s, 'password'),
      });
    }
  }
  const mirrors = list(root, 'mirrors', 'mirror').flatMap((m) => {
    const id = text(m, 'id');
    const url = text(m, 'url');
    const mirrorOf = text(m, 'mirrorOf');
    return id && url && mirrorOf ? [{ id, url, mirrorOf }] : [];
  });
  return { mirrors, servers, localRepository: text(root, 'localRepository') };
}

function isExternal(url: string): boolean {
  try {
    const host = new URL(url).hostname;
    return (
      host !== 'localhost' && host !== '127.0.0.1' && !url.startsWith('file:')
    );
  } catch {
    return true;
  }
}

/** Maven's mirrorOf matching: `*`, `external:*`, lists and `!id`. */
export function mirrorMatches(
  mirrorOf: string,
  repository: MavenRepositorySetting,
): boolean {
  let matched = false;
  for (const raw of mirrorOf.split(',')) {
    const pattern = raw.trim();
    if (pattern === `!${repository.id}`) return false;
    if (pattern === repository.id || pattern === '*') matched = true;
    if (pattern === 'external:*' && isExternal(repository.url)) matched = true;
  }
  return matched;
}

/**
 * Applies mirrors (first match wins) and server credentials by id, as
 * Maven does, to the configured repositories.
 */
export function applyMavenSettings(
  repositories: readonly MavenRepositorySetting[],
  settings: MavenSettings,
): MavenRepositorySetting[] {
  const out: MavenRepositorySetting[] = [];
  for (const repository of repositories) {
    const mirror = settings.mirrors.find((m) =>
      mirrorMatches(m.mirrorOf, repository),
    );
    const effective = mirror
      ? { id: mirror.id, url: mirror.url }
      : { ...repository };
    const server = settings.servers.get(effective.id);
    // A mirror never receives the credentials of what it replaces.
    const own = mirror ? undefined : repository;
    const username = own?.username ?? server?.username;
    const password = own?.password ?? server?.password;
    // Several repositories behind one mirror are fetched once.
    if (out.some((r) => r.id === effective.id && r.url === effective.url)) {
      continue;
    }
    out.push({ ...effective, username, password });
  }
  return out;
}
