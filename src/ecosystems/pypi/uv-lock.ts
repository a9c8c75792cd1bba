import type { DependencyGraph, SourceKind } from '../../core/model.js';
import { normalizePackageName } from '../../core/purl.js';
import type { ExtractionRequest } from '../types.js';
import { folderOf, GraphBuilder, joinPath } from '../graph-builder.js';
import { assignScopes, type DirectDependency } from './lock-scopes.js';
import { checkPackageTables } from './lock-start.js';
import { resolveInclude } from './requirements-txt.js';
import {
  asString,
  asTable,
  asTables,
  headerLines,
  parseTomlFile,
  type TomlTable,
} from '../toml.js';

interface Entry {
  table: TomlTable;
  name: string;
  line?: number;
  /** Package key, or root key for the project and workspace members. */
  key: string;
  isRoot: boolean;
}

/**
 * Reads uv.lock. The project and its workspace members (packages whose
 * source is `virtual` or `editable` and that `[manifest] members` names,
 * or the one at `.` without a workspace) become roots; their
 * `dependencies`, `optional-dependencies` and `dev-dependencies` (groups)
 * are direct prod, optional and dev dependencies.
 */
export async function extractUvLock(
  request: ExtractionRequest,
): Promise<DependencyGraph> {
  const { path: file, text, repository } = request;
  const lock = parseTomlFile(text, file);
  checkPackageTables(lock, file, 'regenerate it with uv lock');
  const builder = new GraphBuilder('PyPI');
  builder.addFile(file);
  const dir = folderOf(file);
  const members = new Set(
    ((asTable(lock.manifest)?.members as unknown[] | undefined) ?? [])
      .filter((m): m is string => typeof m === 'string')
      .map((m) => normalizePackageName('PyPI', m)),
  );
  const lines = headerLines(text, 'package');
  const entries: Entry[] = [];
  const byName = new Map<string, Entry[]>();
  asTables(lock.package).forEach((table, index) => {
    const entry = addEntry({
      builder,
      table,
      file,
      dir,
      members,
      line: lines[index],
      repository,
    });
    if (!entry) return;
    entries.push(entry);
    byName.set(entry.name, [...(byName.get(entry.name) ?? []), entry]);
  });

  const direct: DirectDependency[] = [];
  const extrasWanted = new Map<Entry, Set<string>>();
  const link = (
    from: Entry,
    deps: unknown,
    scope?: DirectDependency['scope'],
  ) => {
    for (const dep of asTables(deps)) {
      for (const target of resolveDep(builder, dep, byName)) {
        // Workspace members are roots of their own, not packages.
        if (target.isRoot) continue;
        for (const extra of (dep.extra as unknown[] | undefined) ?? []) {
          if (typeof extra !== 'string') continue;
          const set = extrasWanted.get(target) ?? new Set<string>();
          extrasWanted.set(target, set.add(extra));
        }
        if (from.isRoot)
          direct.push({
            from: from.key,
            key: target.key,
            scope: scope ?? 'prod',
          });
        else builder.addEdge(from.key, target.key);
      }
    }
  };
  for (const entry of entries) {
    link(entry, entry.table.dependencies, 'prod');
    if (entry.isRoot) {
      for (const deps of Object.values(
        asTable(entry.table['optional-dependencies']) ?? {},
      ))
        link(entry, deps, 'optional');
      for (const deps of Object.values(
        asTable(entry.table['dev-dependencies']) ?? {},
      ))
        link(entry, deps, 'dev');
    }
  }
  // An extra of a package only counts when some dependent asks for it.
  for (const [entry, extras] of extrasWanted) {
    if (entry.isRoot) continue;
    const optional = asTable(entry.table['optional-dependencies']) ?? {};
    for (const extra of extras) link(entry, optional[extra]);
  }
  assignScopes(builder, entries.find((e) => e.isRoot)?.key ?? '', direct);
  return builder.graph;
}

interface AddEntryOptions {
  builder: GraphBuilder;
  table: TomlTable;
  file: string;
  dir: string;
  members: Set<string>;
  line?: number;
  repository: ExtractionRequest['repository'];
}

function addEntry(options: AddEntryOptions): Entry | undefined {
  const { builder, table, file, dir, members, line } = options;
  const rawName = asString(table.name);
  if (!rawName) {
    builder.warn(
      file,
      'LOCK_ENTRY_INVALID',
      'a [[package]] entry has no string name; it is skipped',
      line,
    );
    return undefined;
  }
  const name = normalizePackageName('PyPI', rawName);
  const source = asTable(table.source) ?? {};
  const local = asString(source.virtual) ?? asString(source.editable);
  const isRoot =
    local !== undefined && (members.size ? members.has(name) : local === '.');
  if (isRoot) {
    const path = resolveInclude(dir, local) ?? dir;
    const manifest = joinPath(path, 'pyproject.toml');
    const known = options.repository.paths.includes(manifest);
    if (known) builder.addFile(manifest);
    const root = builder.addRoot({
      key: `root:${path}:${name}`,
      name,
      path,
      file: known ? manifest : file,
    });
    return { table, name, line, key: root.key, isRoot: true };
  }
  const version = asString(table.version) ?? null;
  const [kind, declared] = sourceOf(source);
  const key = builder.addPackage({
    name: rawName,
    version,
    source: kind,
    declared,
    file,
    line,
    skipReason: version ? undefined : 'unresolved',
  });
  return { table, name, line, key, isRoot: false };
}

function sourceOf(source: TomlTable): [SourceKind, string | undefined] {
  const git = asString(source.git);
  if (git) return ['git', git];
  const local =
    asString(source.path) ??
    asString(source.directory) ??
    asString(source.editable) ??
    asString(source.virtual);
  if (local) return ['file', local];
  const url = asString(source.url);
  if (url) return ['url', url];
  return ['registry', undefined];
}

/** The entries a `{ name, version?, source? }` dependency points at. */
function resolveDep(
  builder: GraphBuilder,
  dep: TomlTable,
  byName: Map<string, Entry[]>,
): Entry[] {
  const name = asString(dep.name);
  if (!name) return [];
  const candidates = byName.get(normalizePackageName('PyPI', name)) ?? [];
  const version = asString(dep.version);
  if (!version || candidates.length < 2) return candidates;
  const exact = candidates.filter(
    (c) => builder.getPackage(c.key)?.version === version,
  );
  // Better every candidate than a dependency with no edge at all.
  return exact.length ? exact : candidates;
}
