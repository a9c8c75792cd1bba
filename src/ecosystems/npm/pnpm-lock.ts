import { posix } from 'node:path';
import { InputError } from '../../core/errors.js';
import type { DependencyGraph } from '../../core/model.js';
import { parseYamlDocuments } from '../../core/yaml.js';
import { refusingEmpty } from '../empty-lockfile.js';
import { checkLockfileShape } from '../lockfile-shape.js';
import type { ExtractionRequest, Extractor } from '../types.js';
import { createLockGraph, finishLockGraph } from './lock-graph.js';
import { addManifestRoot, type LockRoot } from './lock-roots.js';
import {
  dirOf,
  readPackageManifest,
  type PackageManifest,
} from './manifest.js';
import { addPnpmPackages, type PnpmState } from './pnpm-lock-packages.js';
import { addImporterEdges, type PnpmImporter } from './pnpm-lock-importers.js';
import type { PnpmFormat } from './pnpm-lock-keys.js';

const SUPPORTED = 'supported: 5.x, 6.x, 9.x';

/** The key format of a lockfileVersion; throws for versions not read. */
export function pnpmFormatOf(version: unknown, file: string): PnpmFormat {
  const text = String(version ?? '');
  const major = /^(\d+)(?:\.\d+)?(?:-[\w-]+)?$/.exec(text)?.[1];
  if (major === '5') return 'v5';
  if (major === '6') return 'v6';
  if (major === '9') return 'v9';
  // A newer file than we know is not fixed by regenerating it.
  const advice =
    Number(major) > 9
      ? 'this version is newer than Quartermaster reads; report it so support can be added'
      : 'regenerate it with pnpm 7 or later';
  throw new InputError(
    'ERR_LOCKFILE_VERSION',
    `pnpm-lock.yaml has lockfileVersion ${text || '(none)'}; ${SUPPORTED}; ${advice}`,
    { file, line: 1 },
  );
}

function sizeOf(document: unknown): number {
  if (!document || typeof document !== 'object') return -1;
  const { importers, packages } = document as Record<string, unknown>;
  const count = (v: unknown) =>
    v && typeof v === 'object' ? Object.keys(v).length : 0;
  return count(importers) + count(packages);
}

const SHAPE = {
  fields: { importers: 'object', packages: 'object', snapshots: 'object' },
  fix: 'restore it from version control or regenerate it with pnpm install',
  syntax: 'YAML',
} as const;

function parseLockfile(text: string, file: string): Record<string, unknown> {
  let documents: unknown[];
  try {
    documents = parseYamlDocuments(text, file);
  } catch (error) {
    const cause = error as InputError;
    throw new InputError(
      'ERR_LOCKFILE_SYNTAX',
      `pnpm-lock.yaml is not valid YAML (${cause.message}); regenerate it with pnpm install`,
      { file, line: cause.line, cause },
    );
  }
  // Read leniently, `importers: 5` would pass as a project without
  // packages, and would lose the size contest below.
  for (const document of documents) {
    if (document && typeof document === 'object' && !Array.isArray(document))
      checkLockfileShape(document, { file, ...SHAPE });
  }
  // pnpm 10 and later may put a config-dependencies document (with its
  // own small importers and packages) before the lockfile proper: the
  // lockfile is the document with the most importers and packages.
  const lockfile = documents.reduce(
    (best, d) => (sizeOf(d) > sizeOf(best) ? d : best),
    documents[0],
  );
  return checkLockfileShape(lockfile, { file, ...SHAPE });
}

function emptyManifest(file: string, dir: string): PackageManifest {
  return {
    file,
    dir,
    dependencies: {},
    devDependencies: {},
    optionalDependencies: {},
    peerDependencies: {},
    workspaces: [],
  };
}

/** Importers (or the single project of a lockfile without them) as roots. */
async function readImporters(
  state: PnpmState,
  request: ExtractionRequest,
  lock: Record<string, unknown>,
): Promise<PnpmImporter[]> {
  const lockDir = dirOf(request.path);
  const importers = (lock.importers as Record<string, unknown> | undefined) ?? {
    '.': lock,
  };
  const out: PnpmImporter[] = [];
  for (const [id, body] of Object.entries(importers)) {
    const dir = posix.normalize(posix.join(lockDir || '.', id));
    const root = dir === '.' ? '' : dir;
    const file = root ? `${root}/package.json` : 'package.json';
    const manifest = root.startsWith('..')
      ? undefined
      : await readPackageManifest(request.repository, file);
    const lockRoot: LockRoot = manifest
      ? addManifestRoot(state.graph, manifest)
      : addManifestRoot(state.graph, emptyManifest(file, root));
    if (!manifest) state.graph.files.delete(file);
    out.push({
      id,
      root: lockRoot,
      body: (body ?? {}) as Record<string, unknown>,
      hasManifest: !!manifest,
    });
  }
  return out;
}

/**
 * Reads a pnpm-lock.yaml (lockfileVersion 5.x, 6.x or 9.x): one root per
 * importer, edges from each to its dependencies, then package to package
 * through `packages` (or v9 `snapshots`). Keys keep their peer suffix, so
 * one version installed with two peer sets is two packages.
 */
export async function extractPnpmLock(
  request: ExtractionRequest,
): Promise<DependencyGraph> {
  const lock = parseLockfile(request.text, request.path);
  const format = pnpmFormatOf(lock.lockfileVersion, request.path);
  const graph = createLockGraph(request.path);
  const state: PnpmState = {
    graph,
    format,
    file: request.path,
    text: request.text,
  };

  const workspaceFile = posix.join(dirOf(request.path), 'pnpm-workspace.yaml');
  if (request.repository.paths.includes(workspaceFile))
    graph.files.add(workspaceFile);

  const importers = await readImporters(state, request, lock);
  const resolver = addPnpmPackages(state, lock);
  addImporterEdges(state, resolver, importers);
  return finishLockGraph(graph);
}

export const pnpmLockExtractor = {
  id: 'npm-pnpm-lock',
  ecosystem: 'npm',
  kind: 'lockfile',
  matches: (path: string) =>
    path === 'pnpm-lock.yaml' || path.endsWith('/pnpm-lock.yaml'),
  extract: refusingEmpty(extractPnpmLock, 'regenerate it with pnpm install'),
} satisfies Extractor;
