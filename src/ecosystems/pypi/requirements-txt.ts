import type { DependencyGraph, Scope } from '../../core/model.js';
import type { ExtractionRequest, RepositoryFiles } from '../types.js';
import { baseName, folderOf, GraphBuilder } from '../graph-builder.js';
import { pinnedVersion, urlSourceKind, type Requirement } from './pep508.js';
import { parseRequirementLines } from './requirements-lines.js';

/** Includes nested deeper than this are refused (a guard, not a limit). */
const MAX_INCLUDE_DEPTH = 16;

/**
 * True for the file names pip users give requirements: `requirements.txt`,
 * `requirements-dev.txt`, `requirements_dev.txt`, `dev-requirements.txt`
 * and any `.txt` inside a `requirements/` folder.
 */
export function isRequirementsTxt(path: string): boolean {
  const name = baseName(path);
  if (!name.endsWith('.txt')) return false;
  return (
    /^requirements.*\.txt$/i.test(name) ||
    /[-_.]requirements\.txt$/i.test(name) ||
    baseName(folderOf(path)) === 'requirements'
  );
}

/** The same names with `.in`: pip-compile inputs. */
export function isRequirementsIn(path: string): boolean {
  return path.endsWith('.in') && isRequirementsTxt(`${path.slice(0, -3)}.txt`);
}

/** Scope guessed from a requirements file name: tests, dev tools or prod. */
export function scopeOfFile(file: string): Scope {
  const stem = file.toLowerCase();
  if (/test/.test(baseName(stem))) return 'test';
  if (/(^|[-_./])(dev|lint|docs?|typing|mypy)([-_.]|$)/.test(baseName(stem))) {
    return 'dev';
  }
  return 'prod';
}

interface Found {
  requirement: Requirement;
  editable: boolean;
  file: string;
  line: number;
  parents: string[];
}

interface ReadState {
  builder: GraphBuilder;
  repository: RepositoryFiles;
  open: Set<string>;
  done: Set<string>;
  found: Found[];
  constraints: Map<string, string>;
}

/** Reads a requirements file and its `-r`/`-c` includes into one graph. */
export async function extractRequirements(
  request: ExtractionRequest,
): Promise<DependencyGraph> {
  const builder = new GraphBuilder('PyPI');
  if (request.path.endsWith('.in') && hasCompiledTxt(request)) {
    return builder.graph;
  }
  const state: ReadState = {
    builder,
    repository: request.repository,
    open: new Set(),
    done: new Set(),
    found: [],
    constraints: new Map(),
  };
  const root = builder.addRoot({
    key: `root:${request.path}`,
    name: request.path,
    path: folderOf(request.path),
    file: request.path,
  });
  await readFile(state, request.path, request.text, false);
  addFound(state, root.key);
  return builder.graph;
}

function hasCompiledTxt(request: ExtractionRequest): boolean {
  const compiled = `${request.path.slice(0, -3)}.txt`;
  return request.repository.paths.includes(compiled);
}

async function readFile(
  state: ReadState,
  file: string,
  text: string,
  constraint: boolean,
): Promise<void> {
  state.builder.addFile(file);
  state.open.add(file);
  let last: Found | undefined;
  for (const entry of parseRequirementLines(text)) {
    if (entry.kind === 'include') {
      last = undefined;
      await include(
        state,
        file,
        entry.path,
        entry.constraint || constraint,
        entry.line,
      );
    } else if (entry.kind === 'via') {
      last?.parents.push(...entry.parents);
    } else if (entry.kind === 'unnamed') {
      last = undefined;
      state.builder.warn(
        file,
        'REQUIREMENT_UNNAMED',
        `"${entry.text}" names no project (a local path without #egg=); it is skipped`,
        entry.line,
      );
    } else if (constraint) {
      const pin = pinnedVersion(entry.requirement.specifier);
      if (pin) state.constraints.set(key(entry.requirement.name), pin);
    } else {
      last = { ...entry, file, parents: [] };
      state.found.push(last);
    }
  }
  state.open.delete(file);
  state.done.add(file);
}

async function include(
  state: ReadState,
  from: string,
  target: string,
  constraint: boolean,
  line: number,
): Promise<void> {
  const file = resolveInclude(folderOf(from), target);
  if (file === undefined) {
    state.builder.warn(
      from,
      'REQUIREMENTS_INCLUDE_REFUSED',
      `include "${target}" is a URL, an absolute path or leaves the repository; it is not read`,
      line,
    );
    return;
  }
  if (state.open.has(file) || state.open.size >= MAX_INCLUDE_DEPTH) {
    state.builder.warn(
      from,
      'REQUIREMENTS_INCLUDE_LOOP',
      `include "${target}" loops back to a file being read; it is read once`,
      line,
    );
    return;
  }
  if (state.done.has(file)) return;
  const text = await state.repository.readText(file);
  if (text === undefined) {
    state.builder.warn(
      from,
      'REQUIREMENTS_INCLUDE_MISSING',
      `include "${target}" (${file}) is not in the repository; its requirements are missing`,
      line,
    );
    return;
  }
  await readFile(state, file, text, constraint);
}

/** Repository-relative path of an include, or undefined when refused. */
export function resolveInclude(
  dir: string,
  target: string,
): string | undefined {
  if (
    target.includes('://') ||
    target.startsWith('/') ||
    /^[A-Za-z]:/.test(target)
  ) {
    return undefined;
  }
  const parts = dir ? dir.split('/') : [];
  for (const part of target.split(/[\\/]/)) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else {
      parts.push(part);
    }
  }
  return parts.join('/');
}

function key(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/**
 * Adds every requirement found. pip-compile's `# via` notes make a line
 * transitive with edges from its parents; lines without them (or whose
 * parents are all unknown) are direct requirements of the root.
 */
function addFound(state: ReadState, rootKey: string): void {
  const { builder } = state;
  const keysByName = new Map<string, string[]>();
  const resolved = state.found.map((found) => {
    const pkgKey = builder.addPackage(entryOf(state, found));
    const name = key(found.requirement.name);
    keysByName.set(name, [...(keysByName.get(name) ?? []), pkgKey]);
    return { found, pkgKey };
  });
  for (const { found, pkgKey } of resolved) {
    const parents = found.parents.flatMap((p) => keysByName.get(key(p)) ?? []);
    const fromRoot =
      found.parents.length === 0 ||
      parents.length === 0 ||
      found.parents.some((p) => p.startsWith('-'));
    const pkg = builder.getPackage(pkgKey);
    if (fromRoot) {
      builder.addEdge(rootKey, pkgKey);
      if (pkg) pkg.direct = true;
    }
    for (const parent of parents) builder.addEdge(parent, pkgKey);
  }
}

function entryOf(state: ReadState, found: Found) {
  const { requirement: req, file, line } = found;
  const marker = req.marker ? `; ${req.marker}` : '';
  const base = { name: req.name, file, line, scope: scopeOfFile(file) };
  if (req.url) {
    const source = urlSourceKind(req.url);
    const version = pinnedVersion(req.specifier) ?? null;
    const skipReason =
      source === 'git'
        ? 'git-dependency'
        : source === 'file'
          ? 'local-dependency'
          : 'url-dependency';
    return {
      ...base,
      version,
      source,
      declared: `${req.url}${marker}`,
      skipReason: version ? undefined : skipReason,
    };
  }
  const version =
    pinnedVersion(req.specifier) ??
    state.constraints.get(key(req.name)) ??
    null;
  const declared = `${req.specifier || '*'}${marker}`;
  return {
    ...base,
    version,
    declared,
    skipReason: version ? undefined : 'unresolved',
  };
}
