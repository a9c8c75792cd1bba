import { describeError } from '../core/errors.js';
import type { ExtractionWarning } from '../core/model.js';
import type { RepositoryFiles } from '../ecosystems/types.js';
import { DEFAULT_NAMESPACE } from './entity-ref.js';

/** Where GitHub looks for CODEOWNERS, first found wins. */
export const CODEOWNERS_LOCATIONS = [
  '.github/CODEOWNERS',
  'CODEOWNERS',
  'docs/CODEOWNERS',
] as const;

/** One line of a CODEOWNERS file. */
export interface CodeownersRule {
  pattern: string;
  /** Normalised owner refs; empty means the matching paths have no owner. */
  owners: string[];
  line: number;
  matcher: RegExp;
}

export interface Codeowners {
  /** Repository-relative path of the file read. */
  file: string;
  rules: CodeownersRule[];
  warnings: ExtractionWarning[];
}

/**
 * `@org/team` → `group:default/team`, `@user` → `user:default/user`, an
 * e-mail address → `user:default/<address>`; anything else is not an owner.
 */
export function normalizeCodeowner(owner: string): string | undefined {
  const team = /^@[^/\s]+\/([^/\s]+)$/.exec(owner);
  if (team) return `group:${DEFAULT_NAMESPACE}/${team[1]}`;
  const user = /^@([^/\s@]+)$/.exec(owner);
  if (user) return `user:${DEFAULT_NAMESPACE}/${user[1]}`;
  if (/^[^@\s]+@[^@\s]+$/.test(owner))
    return `user:${DEFAULT_NAMESPACE}/${owner}`;
  return undefined;
}

const ESCAPE = /[.+^${}()|[\]\\]/g;

/**
 * Turns a CODEOWNERS pattern into a regular expression over
 * repository-relative paths, with gitignore rules as GitHub applies them:
 * a leading or inner `/` anchors to the root, a trailing `/` matches only
 * below a folder, `*` stays within one segment, `**` crosses segments, and
 * a pattern naming a folder covers everything below it (`docs/*` does not
 * reach into subfolders).
 */
export function compileCodeownersPattern(pattern: string): RegExp {
  let body = pattern;
  const folderOnly = body.endsWith('/');
  if (folderOnly) body = body.slice(0, -1);
  const anchored = body.includes('/');
  if (body.startsWith('/')) body = body.slice(1);

  const segments = body.split('/');
  const source = segments
    .map((segment, index) => {
      const last = index === segments.length - 1;
      if (segment === '**') return last ? '.*' : '(?:.*/)?';
      const glob = segment
        .replace(ESCAPE, '\\$&')
        .replace(/\*/g, '[^/]*')
        .replace(/\?/g, '[^/]');
      return last ? glob : `${glob}/`;
    })
    .join('');

  const prefix = anchored ? '^' : '^(?:.*/)?';
  let suffix = '(?:/.*)?$';
  if (folderOnly) suffix = '/.*$';
  else if (body.endsWith('/*')) suffix = '$';
  return new RegExp(prefix + source + suffix);
}

/** Splits a line into pattern and owners; `#` after a space starts a comment. */
function splitLine(line: string): string[] {
  const tokens: string[] = [];
  for (const token of line.trim().split(/\s+/)) {
    if (!token) continue;
    if (token.startsWith('#')) break;
    tokens.push(token.replace(/\\#/g, '#'));
  }
  return tokens;
}

/** Parses a CODEOWNERS file; unreadable lines become warnings. */
export function parseCodeowners(text: string, file: string): Codeowners {
  const result: Codeowners = { file, rules: [], warnings: [] };
  text.split(/\r?\n/).forEach((raw, index) => {
    const tokens = splitLine(raw);
    if (tokens.length === 0) return;
    const [pattern = '', ...rest] = tokens;
    const owners = rest.flatMap((o) => normalizeCodeowner(o) ?? []);
    if (owners.length < rest.length) {
      const message = `owner not understood in '${raw.trim()}'; it is ignored`;
      result.warnings.push({
        file,
        line: index + 1,
        code: 'ERR_CODEOWNERS_OWNER',
        message,
      });
    }
    if (!isTamePattern(pattern)) {
      const message =
        `pattern '${pattern.slice(0, 80)}' has too many wildcards ` +
        `(at most ${MAX_STARS_PER_SEGMENT} '*' per segment and ` +
        `${MAX_GLOBSTARS} '**'); the rule is ignored; simplify it`;
      const line = index + 1;
      result.warnings.push({
        file,
        line,
        code: 'ERR_CODEOWNERS_PATTERN',
        message,
      });
      return;
    }
    const matcher = compileCodeownersPattern(pattern);
    result.rules.push({ pattern, owners, line: index + 1, matcher });
  });
  return result;
}

// Each wildcard may make the regular expression backtrack over a segment
// again; a few keep matching cheap, a hostile file could make it hang.
const MAX_STARS_PER_SEGMENT = 3;
const MAX_GLOBSTARS = 3;
const MAX_PATTERN_LENGTH = 1024;

function isTamePattern(pattern: string): boolean {
  if (pattern.length > MAX_PATTERN_LENGTH) return false;
  const segments = pattern.split('/');
  const globstars = segments.filter((s) => s === '**').length;
  return (
    globstars <= MAX_GLOBSTARS &&
    segments.every(
      (s) =>
        s === '**' || (s.match(/[*?]/g)?.length ?? 0) <= MAX_STARS_PER_SEGMENT,
    )
  );
}

/**
 * The owners of a repository-relative path: the LAST matching rule wins,
 * as on GitHub. Empty when no rule matches or the winning rule has no
 * owners (which un-owns the path).
 */
export function ownerFor(codeowners: Codeowners, filePath: string): string[] {
  for (let i = codeowners.rules.length - 1; i >= 0; i--) {
    const rule = codeowners.rules[i];
    if (rule?.matcher.test(filePath)) return rule.owners;
  }
  return [];
}

/** Reads the repository's CODEOWNERS from the first place GitHub looks. */
export async function readCodeowners(
  repository: RepositoryFiles,
): Promise<Codeowners | undefined> {
  const file = CODEOWNERS_LOCATIONS.find((f) => repository.paths.includes(f));
  if (!file) return undefined;
  try {
    const text = await repository.readText(file);
    return text === undefined ? undefined : parseCodeowners(text, file);
  } catch (error) {
    const message = `${describeError(error)}; owners not read from it`;
    return {
      file,
      rules: [],
      warnings: [{ file, code: 'ERR_CODEOWNERS_UNREADABLE', message }],
    };
  }
}
