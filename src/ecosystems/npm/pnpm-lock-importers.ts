import { posix } from 'node:path';
import { npmPurl } from './spec.js';
import { addLockEdge, type DependencyKind } from './lock-graph.js';
import {
  MANIFEST_SECTIONS,
  linkWorkspace,
  warnOutOfSync,
  type LockRoot,
} from './lock-roots.js';
import type { PnpmResolver, PnpmState } from './pnpm-lock-packages.js';

/** One `importers` entry of the lockfile with the root made for it. */
export interface PnpmImporter {
  id: string;
  root: LockRoot;
  body: Record<string, unknown>;
  hasManifest: boolean;
}

const SECTIONS = [
  ['dependencies', 'prod'],
  ['optionalDependencies', 'optional'],
  ['devDependencies', 'dev'],
] as const satisfies readonly (readonly [string, DependencyKind])[];

/** v5 writes the reference itself; 5.4-inline, v6 and v9 `{ specifier, version }`. */
function referenceOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  const version = (value as { version?: unknown } | null)?.version;
  return typeof version === 'string' ? version : undefined;
}

/** A `link:` to a folder that is not an importer: kept as a link package. */
function addLinkPackage(
  state: PnpmState,
  options: { from: string; name: string; dir: string; kind: DependencyKind },
) {
  const key = `link:${options.dir}`;
  if (!state.graph.packages.has(key)) {
    state.graph.packages.set(key, {
      key,
      ecosystem: 'npm',
      name: options.name,
      version: null,
      declared: key,
      purl: npmPurl(options.name, null),
      source: 'link',
      scope: 'prod',
      direct: false,
      file: state.file,
      skipReason: 'local-dependency',
    });
  }
  addLockEdge(state.graph, options.from, key, options.kind);
}

function checkInSync(
  state: PnpmState,
  importer: PnpmImporter,
  listed: Set<string>,
) {
  const { manifest } = importer.root;
  for (const [section, kind] of MANIFEST_SECTIONS) {
    if (kind === 'peer') continue;
    for (const [name, range] of Object.entries(manifest[section])) {
      if (!listed.has(name)) {
        warnOutOfSync(state.graph, {
          lockfile: state.file,
          manifest,
          name,
          range,
        });
      }
    }
  }
}

/** Edges from each importer root to the packages and workspaces it lists. */
export function addImporterEdges(
  state: PnpmState,
  resolver: { resolve: PnpmResolver; markAliases: () => void },
  importers: PnpmImporter[],
): void {
  const byDir = new Map(importers.map((i) => [i.root.manifest.dir, i.root]));
  for (const importer of importers) {
    const from = importer.root.key;
    const listed = new Set<string>();
    for (const [section, kind] of SECTIONS) {
      const deps = (importer.body[section] ?? {}) as Record<string, unknown>;
      for (const [name, value] of Object.entries(deps)) {
        listed.add(name);
        const reference = referenceOf(value);
        if (reference === undefined) continue;
        if (reference.startsWith('link:')) {
          const target = posix.normalize(
            posix.join(importer.root.manifest.dir || '.', reference.slice(5)),
          );
          const dir = target === '.' ? '' : target;
          const workspace = byDir.get(dir);
          if (workspace) linkWorkspace(state.graph, from, workspace, kind);
          else addLinkPackage(state, { from, name, dir, kind });
          continue;
        }
        const to = resolver.resolve(name, reference);
        if (to) addLockEdge(state.graph, from, to, kind);
        else {
          state.graph.warnings.push({
            file: state.file,
            code: 'ERR_LOCKFILE_UNRESOLVED',
            message: `${name} ${reference}, a dependency of importer ${importer.id}, has no entry; the edge is left out`,
          });
        }
      }
    }
    if (importer.hasManifest) checkInSync(state, importer, listed);
  }
  resolver.markAliases();
}
