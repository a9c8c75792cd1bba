import type { GraphPackage } from '../../core/model.js';
import { npmPurl } from './spec.js';
import { addLockEdge, type LockGraph } from './lock-graph.js';
import {
  findPackageKey,
  parsePnpmKey,
  sourceOfResolution,
  withoutPeers,
  type PnpmFormat,
} from './pnpm-lock-keys.js';

/** What the pnpm readers share while building one graph. */
export interface PnpmState {
  graph: LockGraph;
  format: PnpmFormat;
  file: string;
  text: string;
}

/** Finds the package key a dependency reference stands for. */
export type PnpmResolver = (
  name: string,
  reference: string,
) => string | undefined;

type Entry = Record<string, unknown>;

const SECTIONS = [
  ['dependencies', 'prod'],
  ['optionalDependencies', 'optional'],
] as const;

/** 1-based line of each key of the `packages:` and `snapshots:` sections. */
function packageLines(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  let inPackages = false;
  let line = 1;
  for (let start = 0; start < text.length; line++) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    if (text[start] !== ' ' && end > start) {
      inPackages =
        text.startsWith('packages:', start) ||
        text.startsWith('snapshots:', start);
    } else if (inPackages && text[start + 2] !== ' ' && text[end - 1] === ':') {
      let key = text.slice(start + 2, end - 1);
      if (key.startsWith("'") || key.startsWith('"')) key = key.slice(1, -1);
      if (!lines.has(key)) lines.set(key, line);
    }
    start = end + 1;
  }
  return lines;
}

function toPackage(
  state: PnpmState,
  key: string,
  meta: Entry,
  line?: number,
): GraphPackage {
  const parsed = parsePnpmKey(key, state.format);
  const name = typeof meta.name === 'string' ? meta.name : parsed.name;
  const version =
    typeof meta.version === 'string' ? meta.version : parsed.version;
  const registryShaped =
    /^\d/.test(parsed.version) &&
    (state.format === 'v9' || key.startsWith('/'));
  const resolved = sourceOfResolution(meta.resolution);
  return {
    key,
    ecosystem: 'npm',
    name,
    version: version || null,
    purl: npmPurl(name, version || null),
    source: registryShaped && resolved === 'tarball' ? 'registry' : resolved,
    scope: 'prod',
    direct: false,
    file: state.file,
    line,
  };
}

/**
 * A resolver over the graph's packages that also remembers under which
 * names each package was referenced; `markAliases` then marks packages
 * reached only through an `npm:` alias (another name) as `alias`.
 */
function createResolver(state: PnpmState): {
  resolve: PnpmResolver;
  markAliases: () => void;
} {
  const { graph, format } = state;
  const plain = new Set<string>();
  const aliased = new Set<string>();
  const resolve: PnpmResolver = (name, reference) => {
    const key = findPackageKey(graph.packages, { name, reference, format });
    if (key)
      (graph.packages.get(key)!.name === name ? plain : aliased).add(key);
    return key;
  };
  const markAliases = () => {
    for (const key of aliased) {
      const pkg = graph.packages.get(key)!;
      if (!plain.has(key) && pkg.source === 'registry') pkg.source = 'alias';
    }
  };
  return { resolve, markAliases };
}

/**
 * Adds every package of `packages` (v5, v6) or `snapshots` (v9, with
 * metadata from `packages`) and the edges between them; returns the
 * resolver the importers use.
 */
export function addPnpmPackages(
  state: PnpmState,
  lock: Entry,
): { resolve: PnpmResolver; markAliases: () => void } {
  const { graph } = state;
  const packages = (lock.packages ?? {}) as Record<string, Entry | null>;
  const snapshots =
    state.format === 'v9'
      ? ((lock.snapshots ?? {}) as Record<string, Entry | null>)
      : packages;
  const lines = packageLines(state.text);

  for (const [key, snapshot] of Object.entries(snapshots)) {
    const meta = state.format === 'v9' ? packages[withoutPeers(key)] : snapshot;
    graph.packages.set(key, toPackage(state, key, meta ?? {}, lines.get(key)));
  }

  const resolver = createResolver(state);
  for (const [key, snapshot] of Object.entries(snapshots)) {
    for (const [section, kind] of SECTIONS) {
      const deps = (snapshot?.[section] ?? {}) as Record<string, unknown>;
      for (const [name, reference] of Object.entries(deps)) {
        const to = resolver.resolve(name, String(reference));
        if (to) addLockEdge(graph, key, to, kind);
        else if (!String(reference).startsWith('link:')) {
          graph.warnings.push({
            file: state.file,
            line: lines.get(key),
            code: 'ERR_LOCKFILE_UNRESOLVED',
            message: `${name} ${String(reference)}, a dependency of ${key}, has no entry; the edge is left out`,
          });
        }
      }
    }
  }
  return resolver;
}
