import { InputError } from '../../core/errors.js';

/** One block of a yarn classic (v1) lockfile. */
export interface ClassicEntry {
  /** The `name@range` keys that share this block. */
  descriptors: string[];
  /** 1-based line of the key line. */
  line: number;
  /** Scalar fields: version, resolved, integrity, ... */
  fields: Record<string, string>;
  /** Nested maps: dependencies, optionalDependencies, ... */
  sections: Record<string, Record<string, string>>;
}

function syntaxError(file: string, line: number, what: string): InputError {
  return new InputError(
    'ERR_LOCKFILE_SYNTAX',
    `yarn.lock line ${line}: ${what}; expected the yarn v1 lockfile format ` +
      '(is the file truncated or hand-edited?); regenerate it with yarn install',
    { file, line },
  );
}

/** Reads a bare or double-quoted token at `start`; returns it and its end. */
function readToken(
  text: string,
  start: number,
  stops: string,
): [string, number] | undefined {
  if (text[start] !== '"') {
    let end = start;
    while (end < text.length && !stops.includes(text[end]!)) end++;
    return [text.slice(start, end), end];
  }
  let end = start + 1;
  while (end < text.length && text[end] !== '"')
    end += text[end] === '\\' ? 2 : 1;
  if (end >= text.length) return undefined;
  try {
    return [JSON.parse(text.slice(start, end + 1)) as string, end + 1];
  } catch {
    return undefined;
  }
}

function parseKeys(text: string): string[] | undefined {
  const keys: string[] = [];
  let pos = 0;
  while (pos < text.length) {
    const token = readToken(text, pos, ',');
    if (!token || !token[0]) return undefined;
    keys.push(token[0]);
    pos = token[1];
    if (pos < text.length && !text.startsWith(', ', pos)) return undefined;
    pos += 2;
  }
  return keys;
}

/** `name value` or `name:`; undefined when the line fits neither. */
function parsePair(text: string): [string, string | null] | undefined {
  const name = readToken(text, 0, ' :');
  if (!name || !name[0]) return undefined;
  const rest = text.slice(name[1]);
  if (rest === ':') return [name[0], null];
  if (!rest.startsWith(' ') || rest.length < 2) return undefined;
  const value = readToken(rest, 1, '');
  if (!value || value[1] !== rest.length) return undefined;
  return [name[0], value[0]];
}

/**
 * Parses a yarn classic lockfile line by line. The format is a small,
 * regular subset of YAML-like text (two levels of two-space indentation),
 * and this runs several times faster than the general parser of
 * `@yarnpkg/parsers`, against whose output it is tested. Throws InputError
 * ERR_LOCKFILE_SYNTAX with the line of the first line it cannot read.
 */
export function parseClassicYarnLock(
  text: string,
  file: string,
): ClassicEntry[] {
  const entries: ClassicEntry[] = [];
  let entry: ClassicEntry | undefined;
  let section: Record<string, string> | undefined;
  const lines = text.split('\n');

  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!;
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (line.trim() === '' || line.startsWith('#')) continue;

    const indent = line.length - line.trimStart().length;
    if (indent === 0) {
      const keys = line.endsWith(':')
        ? parseKeys(line.slice(0, -1))
        : undefined;
      if (!keys) throw syntaxError(file, i + 1, 'unreadable entry key');
      entry = { descriptors: keys, line: i + 1, fields: {}, sections: {} };
      entries.push(entry);
      section = undefined;
      continue;
    }

    const pair = entry ? parsePair(line.slice(indent)) : undefined;
    if (!entry || !pair) throw syntaxError(file, i + 1, 'unreadable line');
    const [name, value] = pair;
    if (indent === 2 && value === null) {
      section = entry.sections[name] = {};
    } else if (indent === 2) {
      entry.fields[name] = value!;
      section = undefined;
    } else if (indent === 4 && section && value !== null) {
      section[name] = value;
    } else {
      throw syntaxError(file, i + 1, 'unexpected indentation');
    }
  }
  return entries;
}
