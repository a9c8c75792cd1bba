import type { DependencyGraph, Scope, SourceKind } from '../../core/model.js';
import { normalizePackageName } from '../../core/purl.js';
import type { ExtractionRequest } from '../types.js';
import { checkPackageTables, startPyprojectLock } from './lock-start.js';
import { GraphBuilder } from '../graph-builder.js';
import {
  assignScopes,
  topLevelKeys,
  type DirectDependency,
} from './lock-scopes.js';
import {
  asString,
  asTable,
  asTables,
  headerLines,
  type TomlTable,
} from '../toml.js';

const SOURCE_KINDS: Record<string, SourceKind> = {
  git: 'git',
  directory: 'file',
  file: 'file',
  url: 'url',
};

/**
 * Reads poetry.lock (lock-version 1.x with `category` and
 * `[metadata.files]`, 2.x with `groups`) and the pyproject.toml beside it.
 * Direct dependencies are those pyproject declares; without a pyproject,
 * packages nothing depends on are taken as direct.
 */
export async function extractPoetryLock(
  request: ExtractionRequest,
): Promise<DependencyGraph> {
  const { file, text, lock, builder, manifest, root } =
    await startPyprojectLock(request);
  checkPackageTables(lock, file, 'regenerate it with poetry lock');

  const entries = asTables(lock.package);
  const lines = headerLines(text, 'package');
  const keysByName = new Map<string, string[]>();
  entries.forEach((entry, index) => {
    const key = addPackage(builder, entry, file, lines[index]);
    if (!key) return;
    const name = normalizePackageName('PyPI', String(entry.name));
    keysByName.set(name, [...(keysByName.get(name) ?? []), key]);
  });
  entries.forEach((entry) => addEdges(builder, entry, keysByName));

  const direct = directDependencies(builder, manifest.dependencies, keysByName);
  assignScopes(builder, root.key, direct);
  return builder.graph;
}

function addPackage(
  builder: GraphBuilder,
  entry: TomlTable,
  file: string,
  line: number | undefined,
): string | undefined {
  const name = asString(entry.name);
  const version = asString(entry.version);
  if (!name || !version) {
    builder.warn(
      file,
      'LOCK_ENTRY_INVALID',
      'a [[package]] entry lacks a string name or version; it is skipped',
      line,
    );
    return undefined;
  }
  const source = asTable(entry.source);
  const kind = SOURCE_KINDS[asString(source?.type) ?? ''] ?? 'registry';
  return builder.addPackage({
    name,
    version,
    source: kind,
    scope: lockScope(entry),
    file,
    line,
    declared: kind === 'registry' ? undefined : asString(source?.url),
  });
}

/** Scope from the lock alone: 1.x `category`, 2.x `groups`. */
function lockScope(entry: TomlTable): Scope {
  const groups = Array.isArray(entry.groups) ? entry.groups : undefined;
  if (groups) return groups.includes('main') ? 'prod' : 'dev';
  return entry.category === 'dev' ? 'dev' : 'prod';
}

function addEdges(
  builder: GraphBuilder,
  entry: TomlTable,
  keysByName: Map<string, string[]>,
): void {
  const name = asString(entry.name);
  const version = asString(entry.version);
  if (!name || !version) return;
  const from = `${normalizePackageName('PyPI', name)}@${version}`;
  for (const dep of Object.keys(asTable(entry.dependencies) ?? {})) {
    const targets = keysByName.get(normalizePackageName('PyPI', dep)) ?? [];
    for (const to of targets) builder.addEdge(from, to);
  }
}

/** The manifest's declarations as package keys; lock top-levels as fallback. */
export function directDependencies(
  builder: GraphBuilder,
  declared: Map<string, { scope: Scope }>,
  keysByName: Map<string, string[]>,
): DirectDependency[] {
  if (declared.size === 0) {
    return topLevelKeys(builder).map((key) => ({
      key,
      scope: builder.getPackage(key)?.scope ?? 'prod',
    }));
  }
  const direct: DirectDependency[] = [];
  for (const [name, { scope }] of declared) {
    for (const key of keysByName.get(name) ?? []) direct.push({ key, scope });
  }
  return direct;
}
