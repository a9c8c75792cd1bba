import type { DependencyGraph, GraphPackage, Scope } from '../../core/model.js';
import { buildPurl } from '../../core/purl.js';
import type { ExtractionRequest, Extractor } from '../types.js';

/** One `gem` line of a Gemfile. */
export interface GemfileEntry {
  name: string;
  /** Version requirements as written, joined by ', '; '' when none. */
  requirement: string;
  /** Bundler groups; empty means the default group. */
  groups: string[];
  /** `git:`, `github:` or `path:` given on the line. */
  source?: 'git' | 'file';
  line: number;
}

const GEM = /^gem\s*\(?\s*['"]([^'"]+)['"](.*)$/;
const GROUP_BLOCK = /^group\s*\(?\s*(.+?)\s*\)?\s+do\b/;
const OPENS_BLOCK =
  /(?:\bdo\s*(?:\|[^|]*\|)?\s*$)|^(?:if|unless|case|begin|while|until|for|def|class|module)\b/;
const SYMBOL = /:(\w+)|['"](\w+)['"]/g;
const QUOTED = /^\s*,\s*['"]([^'"]*)['"]/;
const GROUP_OPTION = /\bgroups?\s*(?::|=>)\s*(\[[^\]]*\]|:\w+|['"]\w+['"])/;

function symbols(text: string): string[] {
  return [...text.matchAll(SYMBOL)].map((m) => m[1] ?? m[2] ?? '');
}

function requirements(rest: string): string {
  const out: string[] = [];
  let tail = rest;
  for (let match = QUOTED.exec(tail); match; match = QUOTED.exec(tail)) {
    out.push(match[1] ?? '');
    tail = tail.slice(match[0].length);
  }
  return out.join(', ');
}

function parseGemLine(
  match: RegExpExecArray,
  groups: string[],
  line: number,
): GemfileEntry {
  const rest = (match[2] ?? '').replace(/\s+#.*$/, '');
  const option = GROUP_OPTION.exec(rest)?.[1];
  const entry: GemfileEntry = {
    name: match[1] ?? '',
    requirement: requirements(rest),
    groups: option ? [...groups, ...symbols(option)] : groups,
    line,
  };
  if (/\b(?:git|github)\s*(?::|=>)/.test(rest)) entry.source = 'git';
  else if (/\bpath\s*(?::|=>)/.test(rest)) entry.source = 'file';
  return entry;
}

/**
 * Reads the `gem` lines of a Gemfile and the groups around them, line by
 * line, without evaluating Ruby: `group ... do`/`end` blocks and
 * `group:`/`groups:` options. Conditionals are followed as if true.
 */
export function parseGemfile(text: string): GemfileEntry[] {
  const entries: GemfileEntry[] = [];
  // One frame per open block; group blocks carry their groups.
  const frames: string[][] = [];
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index += 1) {
    const line = (lines[index] ?? '').trim();
    if (line === '' || line.startsWith('#')) continue;
    const gem = GEM.exec(line);
    if (gem) {
      entries.push(parseGemLine(gem, frames.flat(), index + 1));
    } else if (/^end\b/.test(line)) {
      frames.pop();
    } else if (OPENS_BLOCK.test(line)) {
      const group = GROUP_BLOCK.exec(line)?.[1];
      frames.push(group ? symbols(group) : []);
    }
  }
  return entries;
}

/**
 * The scope Bundler groups give: only `test` → test; only development and
 * test → dev; the default group or any other group → prod.
 */
export function scopeOfGroups(groups: readonly string[]): Scope {
  if (groups.length === 0) return 'prod';
  if (groups.every((g) => g === 'test')) return 'test';
  if (groups.every((g) => g === 'test' || g === 'development')) return 'dev';
  return 'prod';
}

const EXACT = /^=?\s*(\d[\w.]*)$/;

function toPackage(entry: GemfileEntry, file: string): GraphPackage {
  const version = EXACT.exec(entry.requirement)?.[1] ?? null;
  const pkg: GraphPackage = {
    key: `${entry.name}#${entry.line}`,
    ecosystem: 'RubyGems',
    name: entry.name,
    version,
    declared: entry.requirement,
    purl: buildPurl('RubyGems', entry.name, version),
    source: entry.source ?? 'registry',
    scope: scopeOfGroups(entry.groups),
    direct: true,
    file,
    line: entry.line,
  };
  if (entry.source === 'git') pkg.skipReason = 'git-dependency';
  else if (entry.source === 'file') pkg.skipReason = 'path-dependency';
  else if (!version) pkg.skipReason = 'unresolved';
  return pkg;
}

/** Reads a Gemfile that no lockfile consumed: declared gems only. */
export function extractGemfile(request: ExtractionRequest): DependencyGraph {
  const file = request.path;
  const slash = file.lastIndexOf('/');
  const dir = slash < 0 ? '' : file.slice(0, slash);
  const rootKey = `root:${file}`;
  const packages = parseGemfile(request.text).map((e) => toPackage(e, file));
  return {
    roots: [
      {
        key: rootKey,
        name: dir || 'Gemfile',
        path: dir,
        ecosystem: 'RubyGems',
        file,
      },
    ],
    packages,
    edges: packages.map((p) => ({ from: rootKey, to: p.key, scope: p.scope })),
    files: [file],
    warnings: [],
  };
}

/** A Gemfile (or gems.rb) without a lockfile. */
export const gemfileExtractor: Extractor = {
  id: 'rubygems-gemfile',
  ecosystem: 'RubyGems',
  kind: 'manifest',
  matches: (path) => /(?:^|\/)(?:Gemfile|gems\.rb)$/.test(path),
  extract: (request) => Promise.resolve(extractGemfile(request)),
};
