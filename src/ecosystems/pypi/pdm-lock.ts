import type { DependencyGraph, SourceKind } from '../../core/model.js';
import { normalizePackageName } from '../../core/purl.js';
import type { ExtractionRequest } from '../types.js';
import { checkPackageTables, startPyprojectLock } from './lock-start.js';
import { GraphBuilder } from '../graph-builder.js';
import { assignScopes } from './lock-scopes.js';
import { parseRequirement } from './pep508.js';
import { directDependencies } from './poetry-lock.js';
import { asString, asTables, headerLines, type TomlTable } from '../toml.js';

/**
 * Reads pdm.lock (`[[package]]` with PEP 508 `dependencies` strings and,
 * from lock_version 4.4, `groups`) with the pyproject.toml beside it.
 * Entries repeated for an extra (`extras = [...]`) fold into one package.
 */
export async function extractPdmLock(
  request: ExtractionRequest,
): Promise<DependencyGraph> {
  const { file, text, lock, builder, manifest, root } =
    await startPyprojectLock(request);
  checkPackageTables(lock, file, 'regenerate it with pdm lock');

  const lines = headerLines(text, 'package');
  const entries = asTables(lock.package);
  const keysByName = new Map<string, string[]>();
  const keys = entries.map((entry, index) => {
    const key = addPackage(builder, entry, file, lines[index]);
    if (!key) return undefined;
    const name = normalizePackageName('PyPI', String(entry.name));
    const list = keysByName.get(name) ?? [];
    if (!list.includes(key)) keysByName.set(name, [...list, key]);
    return key;
  });
  entries.forEach((entry, index) => {
    const from = keys[index];
    if (!from || !Array.isArray(entry.dependencies)) return;
    for (const spec of entry.dependencies) {
      const dep = typeof spec === 'string' ? parseRequirement(spec) : undefined;
      const targets = dep
        ? keysByName.get(normalizePackageName('PyPI', dep.name))
        : undefined;
      // An extras entry lists its own base package; that is no edge.
      for (const to of targets ?? [])
        if (to !== from) builder.addEdge(from, to);
    }
  });

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
  if (!name) {
    builder.warn(
      file,
      'LOCK_ENTRY_INVALID',
      'a [[package]] entry has no string name; it is skipped',
      line,
    );
    return undefined;
  }
  const version = asString(entry.version) ?? null;
  const [source, declared] = sourceOf(entry);
  const groups = Array.isArray(entry.groups) ? entry.groups : ['default'];
  return builder.addPackage({
    name,
    version,
    source,
    declared,
    scope: groups.includes('default') ? 'prod' : 'dev',
    file,
    line,
    skipReason: version ? undefined : 'unresolved',
  });
}

function sourceOf(entry: TomlTable): [SourceKind, string | undefined] {
  const git = asString(entry.git);
  if (git) return ['git', git];
  const path = asString(entry.path);
  if (path) return ['file', path];
  const url = asString(entry.url);
  if (url) return ['url', url];
  return ['registry', undefined];
}
