import type { SourceKind } from '../../core/model.js';
import { InputError } from '../../core/errors.js';
import type { ExtractionRequest } from '../types.js';
import { sourceOfSpec } from './lock-graph.js';
import { dirOf } from './manifest.js';

/** One block of a Berry lockfile, as `parseSyml` returns it. */
export interface BerryEntry {
  version?: string;
  resolution?: string;
  dependencies?: Record<string, string>;
  dependenciesMeta?: Record<string, { optional?: boolean }>;
}

/** Splits a locator `name@reference`; a patch resolves to what it patches. */
export function parseLocator(locator: string): {
  name: string;
  reference: string;
} {
  const at = locator.indexOf('@', 1);
  const name = locator.slice(0, at);
  const reference = locator.slice(at + 1);
  if (!reference.startsWith('patch:')) return { name, reference };
  const inner = reference.slice(6).split('#')[0]!;
  return parseLocator(decodeURIComponent(inner));
}

export function sourceOfReference(reference: string): SourceKind {
  if (reference.startsWith('npm:')) return 'registry';
  if (reference.includes('#commit=')) return 'git';
  if (reference.startsWith('exec:')) return 'file';
  return sourceOfSpec(reference);
}

/** 1-based line of each top-level key, found by a plain scan of the text. */
export function keyLines(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  let line = 1;
  for (let start = 0; start < text.length; line++) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const first = text[start];
    if (first !== ' ' && first !== '#' && end > start + 1) {
      const key = text.slice(start, text[end - 1] === '\r' ? end - 2 : end - 1);
      lines.set(key.startsWith('"') ? key.slice(1, -1) : key, line);
    }
    start = end + 1;
  }
  return lines;
}

export function syntaxError(file: string, error: unknown): InputError {
  const message = error instanceof Error ? error.message : String(error);
  const line = /line (\d+)/i.exec(message)?.[1];
  return new InputError(
    'ERR_LOCKFILE_SYNTAX',
    `yarn.lock is not a readable Berry lockfile (${message.split('\n')[0]}); ` +
      'regenerate it with yarn install',
    { file, line: line ? Number(line) : undefined, cause: error },
  );
}

export function truncated(
  file: string,
  key: string,
  line?: number,
): InputError {
  return new InputError(
    'ERR_LOCKFILE_SYNTAX',
    `yarn.lock ends inside the entry ${key}, which has no resolution; ` +
      'the file looks truncated; regenerate it with yarn install',
    { file, line },
  );
}

/** The `resolutions` of the package.json beside the lockfile. */
export async function readResolutions(
  request: ExtractionRequest,
): Promise<Map<string, string>> {
  const dir = dirOf(request.path);
  const text = await request.repository.readText(
    dir ? `${dir}/package.json` : 'package.json',
  );
  const resolutions = new Map<string, string>();
  try {
    const json = JSON.parse(text ?? '{}') as { resolutions?: unknown };
    const value = json.resolutions;
    if (!value || typeof value !== 'object') return resolutions;
    for (const [key, range] of Object.entries(value)) {
      if (typeof range === 'string') resolutions.set(key, range);
    }
  } catch {
    // The manifest reader reports the syntax error.
  }
  return resolutions;
}

/** The range a `resolutions` entry forces on `name@range` under `parent`. */
export function resolvedRange(
  resolutions: ReadonlyMap<string, string>,
  dependency: { parent: string; name: string; range: string },
): string | undefined {
  const { parent, name, range } = dependency;
  const bare = range.startsWith('npm:') ? range.slice(4) : range;
  return (
    resolutions.get(`${parent}/${name}`) ??
    resolutions.get(`${name}@${range}`) ??
    resolutions.get(`${name}@${bare}`) ??
    resolutions.get(name) ??
    resolutions.get(`**/${name}`)
  );
}
