/** One `require` line of go.mod. */
export interface GoRequire {
  path: string;
  version: string;
  indirect: boolean;
  line: number;
}

/** One `replace` line: `old [v] => new [v]` (no version on the right for a local path). */
export interface GoReplace {
  oldPath: string;
  oldVersion?: string;
  newPath: string;
  newVersion?: string;
  line: number;
}

/** What go.mod declares that dependency extraction needs. */
export interface GoModFile {
  module?: string;
  go?: string;
  toolchain?: string;
  requires: GoRequire[];
  replaces: GoReplace[];
  /** Lines that could not be read, with the reason. */
  problems: { line: number; message: string }[];
  /** A `( ... )` block still open at the end: the file was cut off. */
  unclosedBlock?: { verb: string; line: number };
}

/**
 * Parses go.mod text line by line: directives alone on a line or in
 * `( ... )` blocks. `exclude`, `retract`, `tool` and `godebug` are read
 * past: they change neither the module list nor the versions chosen.
 */
export function parseGoMod(text: string): GoModFile {
  const mod: GoModFile = { requires: [], replaces: [], problems: [] };
  let block: string | undefined;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] as string;
    const comment = raw.indexOf('//');
    const body = (comment < 0 ? raw : raw.slice(0, comment)).trim();
    const note = comment < 0 ? '' : raw.slice(comment + 2).trim();
    if (!body) continue;
    if (block !== undefined) {
      if (body === ')') block = undefined;
      else directive(mod, block, body, { line: i + 1, note });
      continue;
    }
    const [verb, ...rest] = body.split(/\s+/);
    if (rest[0] === '(' && rest.length === 1) {
      block = verb as string;
      mod.unclosedBlock = { verb: block, line: i + 1 };
      continue;
    }
    directive(mod, verb as string, rest.join(' '), { line: i + 1, note });
  }
  if (block === undefined) delete mod.unclosedBlock;
  return mod;
}

function directive(
  mod: GoModFile,
  verb: string,
  args: string,
  at: { line: number; note: string },
): void {
  const words = args.split(/\s+/).map(unquote);
  switch (verb) {
    case 'module':
      mod.module = words[0];
      return;
    case 'go':
      mod.go = words[0];
      return;
    case 'toolchain':
      mod.toolchain = words[0];
      return;
    case 'require':
      return addRequire(mod, words, at);
    case 'replace':
      return addReplace(mod, words, at.line);
    default:
      return;
  }
}

function addRequire(
  mod: GoModFile,
  words: string[],
  at: { line: number; note: string },
): void {
  const [path, version] = words;
  if (!path || !version || words.length !== 2) {
    mod.problems.push({
      line: at.line,
      message: 'require needs a module path and a version',
    });
    return;
  }
  // `// indirect` may share the comment with other notes (`// indirect; x`).
  const indirect = /^indirect(\b|;|$)/.test(at.note);
  mod.requires.push({ path, version, indirect, line: at.line });
}

function addReplace(mod: GoModFile, words: string[], line: number): void {
  const arrow = words.indexOf('=>');
  const left = words.slice(0, arrow);
  const right = words.slice(arrow + 1);
  if (arrow < 1 || left.length > 2 || right.length < 1 || right.length > 2) {
    mod.problems.push({
      line,
      message: 'replace needs `old [version] => new [version]`',
    });
    return;
  }
  const replace: GoReplace = {
    oldPath: left[0] as string,
    newPath: right[0] as string,
    line,
  };
  if (left[1]) replace.oldVersion = left[1];
  if (right[1]) replace.newVersion = right[1];
  mod.replaces.push(replace);
}

function unquote(word: string): string {
  const first = word[0];
  return (first === '"' || first === '`') && word.length > 1
    ? word.slice(1, -1)
    : word;
}

/** True for a replacement that points at a folder, not a module. */
export function isLocalPath(path: string): boolean {
  return /^(\.{1,2}\/|\.{1,2}$|\/|[A-Za-z]:[\\/])/.test(path);
}

/**
 * The Go release as OSV's `stdlib` entries spell it: `go1.22.1` → `1.22.1`,
 * `1.21` → `1.21.0`, `1.21rc1` → `1.21.0-rc.1`; undefined when unreadable.
 */
export function goReleaseVersion(
  value: string | undefined,
): string | undefined {
  const match = /^(?:go)?(\d+)\.(\d+)(?:\.(\d+))?(?:(rc|beta)(\d+))?$/.exec(
    value ?? '',
  );
  if (!match) return undefined;
  const [, major, minor, patch, pre, preNumber] = match;
  const base = `${major}.${minor}.${patch ?? '0'}`;
  return pre ? `${base}-${pre}.${preNumber}` : base;
}
