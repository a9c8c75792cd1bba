import type { SourceKind } from '../../core/model.js';

/** The lockfile generations whose key syntax differs. */
export type PnpmFormat = 'v5' | 'v6' | 'v9';

/** Name, version and peer suffix read from a `packages`/`snapshots` key. */
export interface PnpmKey {
  name: string;
  version: string;
  /** `(react@18.2.0)` in v6/v9, `_react@18.2.0` or a hash in v5; '' if none. */
  peers: string;
}

/**
 * Parses a package key: v5 `/name/1.0.0_peer`, v6 `/name@1.0.0(peer)`,
 * v9 `name@1.0.0(peer)`. Keys of non-registry packages (`github.com/...`,
 * `name@file:...`) parse loosely; their entry's own `name` and `version`
 * fields take precedence.
 */
export function parsePnpmKey(key: string, format: PnpmFormat): PnpmKey {
  const path = key.startsWith('/') ? key.slice(1) : key;
  if (format === 'v5') {
    const slash = path.lastIndexOf('/');
    const tail = path.slice(slash + 1);
    const underscore = tail.indexOf('_');
    return {
      name: path.slice(0, Math.max(slash, 0)),
      version: underscore < 0 ? tail : tail.slice(0, underscore),
      peers: underscore < 0 ? '' : tail.slice(underscore),
    };
  }
  const paren = path.indexOf('(');
  const base = paren < 0 ? path : path.slice(0, paren);
  const at = base.indexOf('@', 1);
  return {
    name: at < 0 ? base : base.slice(0, at),
    version: at < 0 ? '' : base.slice(at + 1),
    peers: paren < 0 ? '' : path.slice(paren),
  };
}

/** The key in the v9 `packages` section: the snapshot key without peers. */
export function withoutPeers(key: string): string {
  const paren = key.indexOf('(');
  return paren < 0 ? key : key.slice(0, paren);
}

/**
 * The key a dependency reference stands for, among `keys`: a bare version
 * is joined to the dependency's name in the format's syntax; other
 * references (`/real/1.0.0`, `real@1.0.0`, `github.com/...`) are keys
 * already or, in v9, follow the name (`name@file:...`).
 */
export function findPackageKey(
  keys: ReadonlyMap<string, unknown>,
  options: { name: string; reference: string; format: PnpmFormat },
): string | undefined {
  const { name, reference, format } = options;
  const code = reference.charCodeAt(0);
  if (code >= 48 && code <= 57) {
    const key =
      format === 'v5'
        ? `/${name}/${reference}`
        : format === 'v6'
          ? `/${name}@${reference}`
          : `${name}@${reference}`;
    return keys.has(key) ? key : undefined;
  }
  if (keys.has(reference)) return reference;
  const named = `${name}@${reference}`;
  return keys.has(named) ? named : undefined;
}

/** Where a package comes from, by its `resolution` object. */
export function sourceOfResolution(resolution: unknown): SourceKind {
  if (!resolution || typeof resolution !== 'object') return 'registry';
  const value = resolution as Record<string, unknown>;
  if (value.type === 'git' || typeof value.repo === 'string') return 'git';
  if (value.type === 'directory') return 'file';
  if (typeof value.tarball === 'string') {
    return value.tarball.startsWith('file:') ? 'file' : 'tarball';
  }
  return 'registry';
}
