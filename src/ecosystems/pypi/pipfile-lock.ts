import { InputError } from '../../core/errors.js';
import type { DependencyGraph, Scope } from '../../core/model.js';
import { normalizePackageName } from '../../core/purl.js';
import type { ExtractionRequest } from '../types.js';
import { folderOf, GraphBuilder, joinPath } from '../graph-builder.js';
import { checkLockfileShape } from '../lockfile-shape.js';
import { asString, asTable, parseTomlFile } from '../toml.js';

const SECTIONS: [string, Scope][] = [
  ['default', 'prod'],
  ['develop', 'dev'],
];

/**
 * Reads Pipfile.lock (`default` → prod, `develop` → dev). The lock keeps
 * no edges, so every package hangs off the root; those the Pipfile beside
 * it declares are direct, the rest transitive (all direct without one).
 */
export async function extractPipfileLock(
  request: ExtractionRequest,
): Promise<DependencyGraph> {
  const { path: file, text, repository } = request;
  const lock = parseJson(text, file);
  const builder = new GraphBuilder('PyPI');
  builder.addFile(file);
  const pipfile = await readPipfile(repository, folderOf(file));
  if (pipfile) builder.addFile(pipfile.file);
  const root = builder.addRoot({
    key: `root:${file}`,
    name: folderOf(file).split('/').pop() ?? '',
    path: folderOf(file),
    file: pipfile?.file ?? file,
  });

  const lines = new LineFinder(text);
  for (const [section, scope] of SECTIONS) {
    lines.find(`\n    ${JSON.stringify(section)}: {`, true);
    for (const [name, value] of Object.entries(asTable(lock[section]) ?? {})) {
      const line = lines.find(`${JSON.stringify(name)}: {`);
      const entry = asTable(value);
      if (!entry) {
        builder.warn(
          file,
          'LOCK_ENTRY_INVALID',
          `${section}.${name} is not an object; it is skipped`,
          line,
        );
        continue;
      }
      const direct = pipfile
        ? pipfile.names.has(normalizePackageName('PyPI', name))
        : true;
      const key = builder.addPackage({
        name,
        scope,
        direct,
        file,
        line,
        ...versionOf(entry),
      });
      builder.addEdge(root.key, key, scope);
    }
  }
  return builder.graph;
}

function versionOf(entry: Record<string, unknown>) {
  const git = asString(entry.git);
  const path = asString(entry.path) ?? asString(entry.file);
  const pinned = /^===?(.+)$/.exec(asString(entry.version) ?? '')?.[1];
  if (git) {
    const ref = asString(entry.ref);
    return {
      version: pinned ?? null,
      source: 'git' as const,
      declared: ref ? `${git}@${ref}` : git,
      skipReason: pinned ? undefined : 'git-dependency',
    };
  }
  if (path) {
    return {
      version: pinned ?? null,
      source: 'file' as const,
      declared: path,
      skipReason: pinned ? undefined : 'local-dependency',
    };
  }
  const declared = asString(entry.version) ?? '*';
  return {
    version: pinned ?? null,
    declared,
    skipReason: pinned ? undefined : 'unresolved',
  };
}

function parseJson(text: string, file: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InputError(
      'ERR_LOCKFILE_SYNTAX',
      `${file} is not valid JSON (${(error as Error).message}); regenerate it with pipenv lock`,
      { file, cause: error },
    );
  }
  return checkLockfileShape(value, {
    file,
    fields: { default: 'object', develop: 'object' },
    fix: 'regenerate it with pipenv lock',
  });
}

/**
 * Lines of keys found in file order: each search starts where the last
 * one ended and newlines are counted once, so the whole scan is one pass
 * of native indexOf (a regex or split pass costs more than JSON.parse).
 */
class LineFinder {
  private cursor = 0;
  private counted = 0;
  private line = 1;

  constructor(private readonly text: string) {}

  /** Line of the next `needle`; a miss leaves the cursor (and may return undefined). */
  find(needle: string, section = false): number | undefined {
    const at = this.text.indexOf(needle, section ? 0 : this.cursor);
    if (at < 0) return undefined;
    if (at < this.counted) {
      this.counted = 0;
      this.line = 1;
    }
    for (
      let nl = this.text.indexOf('\n', this.counted);
      nl >= 0 && nl < at;
      nl = this.text.indexOf('\n', nl + 1)
    ) {
      this.line++;
      this.counted = nl + 1;
    }
    this.cursor = at + needle.length;
    return this.line;
  }
}

/** The Pipfile's declared names (`[packages]`, `[dev-packages]`). */
async function readPipfile(
  repository: ExtractionRequest['repository'],
  dir: string,
): Promise<{ file: string; names: Set<string> } | undefined> {
  const file = joinPath(dir, 'Pipfile');
  const text = await repository.readText(file);
  if (text === undefined) return undefined;
  const toml = parseTomlFile(text, file);
  const names = new Set<string>();
  for (const section of ['packages', 'dev-packages']) {
    for (const name of Object.keys(asTable(toml[section]) ?? {})) {
      names.add(normalizePackageName('PyPI', name));
    }
  }
  return { file, names };
}
