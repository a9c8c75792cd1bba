import type { SourceKind } from '../../core/model.js';

/** One resolved gem (platform variants of one version merged). */
export interface LockedGem {
  name: string;
  /** The version without its platform suffix (`1.17.1-x86_64-linux` → `1.17.1`). */
  version: string;
  source: SourceKind;
  /** `remote:` of the section it came from. */
  remote: string;
  /** Names of the gems it depends on. */
  dependencies: string[];
  line: number;
}

/** One `DEPENDENCIES` line. */
export interface LockedDependency {
  name: string;
  requirement: string;
  /** `!`: the gem comes from a GIT or PATH source. */
  pinned: boolean;
  line: number;
}

export interface GemfileLock {
  gems: LockedGem[];
  dependencies: LockedDependency[];
  platforms: string[];
  bundledWith?: string;
  /** Lines that looked like neither a gem nor a dependency. */
  unreadable: number[];
  /** Whether a GEM, GIT, PATH or PLUGIN SOURCE section was seen. */
  hasSource: boolean;
}

const SOURCE_OPTION = /^ {2}[a-z_]+:(?: |$)/;
const DEPENDENCY = /^ {2}([^\s(!]+)(!)?(?: \(([^)]*)\))?(!)?$/;

const SOURCES: Record<string, SourceKind> = {
  GEM: 'registry',
  GIT: 'git',
  PATH: 'file',
  'PLUGIN SOURCE': 'registry',
};

// Gem versions hold only letters, digits and dots, so the first `-` starts
// the platform.
function withoutPlatform(version: string): string {
  const dash = version.indexOf('-');
  return dash < 0 ? version : version.slice(0, dash);
}

interface ParseState {
  section: string;
  remote: string;
  gem?: LockedGem;
  seen: Map<string, LockedGem>;
}

function indentOf(text: string): number {
  let indent = 0;
  while (text.charCodeAt(indent) === 32) indent += 1;
  return indent;
}

// `name (version)` or `name`, read without a regex: this runs per line.
function splitSpec(text: string, indent: number): [string, string] {
  const space = text.indexOf(' ', indent);
  if (space < 0) return [text.slice(indent), ''];
  const close = text.lastIndexOf(')');
  const version =
    text.charCodeAt(space + 1) === 40 && close > space
      ? text.slice(space + 2, close)
      : '';
  return [text.slice(indent, space), version];
}

function readSourceLine(
  state: ParseState,
  out: GemfileLock,
  text: string,
  line: number,
): void {
  const indent = indentOf(text);
  if (indent === 2) {
    if (text.startsWith('remote: ', 2)) state.remote = text.slice(10).trim();
    // `remote:`, `revision:`, `specs:`...; a gem here is mis-indented.
    else if (!SOURCE_OPTION.test(text)) out.unreadable.push(line);
    return;
  }
  if (indent === 6 && state.gem) {
    state.gem.dependencies.push(splitSpec(text, 6)[0]);
    return;
  }
  if (indent !== 4) {
    out.unreadable.push(line);
    return;
  }
  const [name, spec] = splitSpec(text, 4);
  if (spec === '') {
    out.unreadable.push(line);
    return;
  }
  const version = withoutPlatform(spec);
  const id = `${name}@${version}`;
  const known = state.seen.get(id);
  if (known) {
    state.gem = known; // another platform of the same version
    return;
  }
  state.gem = {
    name,
    version,
    source: SOURCES[state.section] ?? 'registry',
    remote: state.remote,
    dependencies: [],
    line,
  };
  state.seen.set(id, state.gem);
  out.gems.push(state.gem);
}

function readOtherLine(
  state: ParseState,
  out: GemfileLock,
  text: string,
  line: number,
): void {
  const value = text.trim();
  if (state.section === 'PLATFORMS') out.platforms.push(value);
  else if (state.section === 'BUNDLED WITH') out.bundledWith = value;
  else if (state.section === 'DEPENDENCIES') {
    const match = DEPENDENCY.exec(text);
    if (!match) {
      out.unreadable.push(line);
      return;
    }
    out.dependencies.push({
      name: match[1] ?? '',
      requirement: match[3] ?? '',
      pinned: match[2] === '!' || match[4] === '!',
      line,
    });
  }
}

/**
 * Parses Gemfile.lock text line by line: sections start at column 0, gems at
 * four spaces, their dependencies at six. Unknown sections (CHECKSUMS, RUBY
 * VERSION) are passed over.
 */
export function parseGemfileLock(text: string): GemfileLock {
  const out: GemfileLock = {
    gems: [],
    dependencies: [],
    platforms: [],
    unreadable: [],
    hasSource: false,
  };
  const state: ParseState = { section: '', remote: '', seen: new Map() };
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index += 1) {
    const raw = lines[index] ?? '';
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (text.trim() === '') continue;
    if (!text.startsWith(' ')) {
      state.section = text.trim();
      if (state.section in SOURCES) out.hasSource = true;
      state.remote = '';
      state.gem = undefined;
    } else if (state.section in SOURCES) {
      readSourceLine(state, out, text, index + 1);
    } else {
      readOtherLine(state, out, text, index + 1);
    }
  }
  return out;
}
