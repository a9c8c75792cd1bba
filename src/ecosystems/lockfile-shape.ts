import { InputError } from '../core/errors.js';
import { baseName } from './graph-builder.js';

/** The JSON type a structural field of a lockfile must have when present. */
export type FieldShape = 'object' | 'array' | 'array or null';

/** A lockfile's own structure, checked before its entries are read. */
export interface LockfileShape {
  /** Repository-relative path of the lockfile. */
  file: string;
  /** Its structural fields; an absent field passes. */
  fields: Readonly<Record<string, FieldShape>>;
  /** What to do about a bad file, e.g. `regenerate it with npm install`. */
  fix: string;
}

/**
 * The parsed document as an object, or InputError ERR_LOCKFILE_SYNTAX when
 * it is not one or a structural field has the wrong type (`"packages": 5`).
 * Read leniently, such a file would pass as one with no packages and
 * replace the service's snapshot with an empty one; entries stay lenient.
 */
export function checkLockfileShape(
  document: unknown,
  shape: LockfileShape,
): Record<string, unknown> {
  if (typeOf(document) !== 'object') {
    throw new InputError(
      'ERR_LOCKFILE_SYNTAX',
      `${baseName(shape.file)} holds ${describe(document)}, not a JSON object; ` +
        `expected a lockfile written by its tool; ${shape.fix}`,
      { file: shape.file },
    );
  }
  const object = document as Record<string, unknown>;
  for (const [field, expected] of Object.entries(shape.fields)) {
    if (Object.hasOwn(object, field))
      checkField(object[field], [field], { expected, shape });
  }
  return object;
}

/** Throws unless the value at `path` (`['dependencies', 'net8.0']`) fits. */
export function checkField(
  value: unknown,
  path: readonly string[],
  check: { expected: FieldShape; shape: Pick<LockfileShape, 'file' | 'fix'> },
): void {
  if (check.expected.split(' or ').includes(typeOf(value))) return;
  const where = path.map((key) => JSON.stringify(key)).join('.');
  throw new InputError(
    'ERR_LOCKFILE_SYNTAX',
    `${baseName(check.shape.file)} has ${describe(value)} at ${where}; ` +
      `expected an ${check.expected}; ${check.shape.fix}`,
    { file: check.shape.file },
  );
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** `a number`, `an array`, `null`: the type for a message. */
function describe(value: unknown): string {
  const type = typeOf(value);
  if (type === 'null') return type;
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}
