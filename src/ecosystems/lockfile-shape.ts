import { InputError } from '../core/errors.js';
import { baseName } from './graph-builder.js';

/** The type a structural field of a lockfile must have when present. */
export type FieldShape = 'object' | 'array' | 'array or null';

/** The language the lockfile is written in, for the words of a message. */
export type LockfileSyntax = 'JSON' | 'YAML' | 'TOML';

/** A lockfile's own structure, checked before its entries are read. */
export interface LockfileShape {
  /** Repository-relative path of the lockfile. */
  file: string;
  /** Its structural fields; an absent field passes. */
  fields: Readonly<Record<string, FieldShape>>;
  /**
   * Fields of which the tool always writes at least one: a document with
   * none (`{}`) would read as a lockfile without packages.
   */
  requireAny?: readonly string[];
  /** What to do about a bad file, e.g. `regenerate it with npm install`. */
  fix: string;
  /** JSON unless told: YAML says mapping, TOML says table. */
  syntax?: LockfileSyntax;
  /** ERR_LOCKFILE_SYNTAX unless told (an SBOM has its own codes). */
  code?: string;
}

type ShapeContext = Pick<LockfileShape, 'file' | 'fix' | 'syntax' | 'code'>;

// The words each language has for an object and an array.
const WORDS: Record<LockfileSyntax, Record<string, string>> = {
  JSON: {},
  YAML: { object: 'mapping', array: 'sequence' },
  TOML: { object: 'table' },
};

/**
 * The parsed document as an object, or InputError ERR_LOCKFILE_SYNTAX when
 * it is not one, a structural field has the wrong type (`"packages": 5`)
 * or none of `requireAny` is there. Read leniently, such a file would pass
 * as one with no packages and replace the service's snapshot with an
 * empty one; entries stay lenient.
 */
export function checkLockfileShape(
  document: unknown,
  shape: LockfileShape,
): Record<string, unknown> {
  const syntax = shape.syntax ?? 'JSON';
  if (typeOf(document) !== 'object') {
    throw shapeError(
      shape,
      `${baseName(shape.file)} holds ${describe(document, syntax)}, ` +
        `not a ${syntax} ${wordFor('object', syntax)}; ` +
        `expected a lockfile written by its tool; ${shape.fix}`,
    );
  }
  const object = document as Record<string, unknown>;
  for (const [field, expected] of Object.entries(shape.fields)) {
    if (Object.hasOwn(object, field))
      checkField(object[field], [field], { expected, shape });
  }
  const wanted = shape.requireAny ?? [];
  if (wanted.length > 0 && !wanted.some((f) => Object.hasOwn(object, f))) {
    const names = wanted.map((f) => JSON.stringify(f));
    throw shapeError(
      shape,
      `${baseName(shape.file)} has none of ${listOf(names)}; ` +
        `expected a lockfile written by its tool; ${shape.fix}`,
    );
  }
  return object;
}

/** Throws unless the value at `path` (`['dependencies', 'net8.0']`) fits. */
export function checkField(
  value: unknown,
  path: readonly string[],
  check: { expected: FieldShape; shape: ShapeContext },
): void {
  if (check.expected.split(' or ').includes(typeOf(value))) return;
  const syntax = check.shape.syntax ?? 'JSON';
  const where = path.map((key) => JSON.stringify(key)).join('.');
  const expected = check.expected
    .split(' or ')
    .map((type) => expectedWord(type, syntax))
    .join(' or ');
  throw shapeError(
    check.shape,
    `${baseName(check.shape.file)} has ${describe(value, syntax)} at ${where}; ` +
      `expected ${withArticle(expected)}; ${check.shape.fix}`,
  );
}

function shapeError(shape: ShapeContext, message: string): InputError {
  return new InputError(shape.code ?? 'ERR_LOCKFILE_SYNTAX', message, {
    file: shape.file,
  });
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (value instanceof Date) return 'date'; // a TOML datetime
  return typeof value;
}

function wordFor(type: string, syntax: LockfileSyntax): string {
  return WORDS[syntax][type] ?? type;
}

// TOML lockfiles list entries as `[[package]]`, an array of tables.
function expectedWord(type: string, syntax: LockfileSyntax): string {
  if (syntax === 'TOML' && type === 'array') return 'array of tables';
  return wordFor(type, syntax);
}

/** `a number`, `an array`, `null`: the type for a message. */
function describe(value: unknown, syntax: LockfileSyntax): string {
  const type = typeOf(value);
  if (type === 'null') return type;
  return withArticle(wordFor(type, syntax));
}

function withArticle(words: string): string {
  if (words === 'null') return words;
  return /^[aeiou]/.test(words) ? `an ${words}` : `a ${words}`;
}

/** `"a", "b" or "c"`. */
function listOf(items: readonly string[]): string {
  if (items.length < 2) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;
}
