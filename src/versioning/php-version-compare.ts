import { compareDigits } from './numeric.js';

/**
 * PHP's `version_compare`, which Composer applies to normalised versions.
 * Words order `dev` < `alpha`/`a` < `beta`/`b` < `RC`/`rc` < a number <
 * `pl`/`p`; any other word sorts below `dev`. Words match by prefix, as in
 * PHP (`patch` reads as `p`).
 */

const SPECIAL_FORMS: ReadonlyArray<[string, number]> = [
  ['dev', 0],
  ['alpha', 1],
  ['a', 1],
  ['beta', 2],
  ['b', 2],
  ['RC', 3],
  ['rc', 3],
  ['#', 4],
  ['pl', 5],
  ['p', 5],
];
const NUMBER_FORM = '#';
const IS_DIGIT = /^\d/;

function specialOrder(form: string): number {
  for (const [name, order] of SPECIAL_FORMS) {
    if (form.startsWith(name)) return order;
  }
  return -6;
}

function compareForms(a: string, b: string): number {
  return Math.sign(specialOrder(a) - specialOrder(b));
}

/** `1.0rc1-dev` becomes `1.0.rc.1.dev`: separators unified, runs split. */
function canonicalParts(version: string): string[] {
  return version
    .replace(/[^0-9A-Za-z]+/g, '.')
    .replace(/(\d)(?=[A-Za-z])|([A-Za-z])(?=\d)/g, '$1$2.')
    .split('.')
    .filter((part) => part !== '');
}

function comparePart(a: string, b: string): number {
  const aDigit = IS_DIGIT.test(a);
  const bDigit = IS_DIGIT.test(b);
  if (aDigit && bDigit) return Math.sign(compareDigits(a, b));
  if (!aDigit && !bDigit) return compareForms(a, b);
  return aDigit ? compareForms(NUMBER_FORM, b) : compareForms(a, NUMBER_FORM);
}

/** A longer version's remainder against nothing: numbers win, words vary. */
function compareRemainder(part: string): number {
  return IS_DIGIT.test(part) ? 1 : compareForms(part, NUMBER_FORM);
}

export function phpVersionCompare(a: string, b: string): number {
  const x = canonicalParts(a);
  const y = canonicalParts(b);
  const length = Math.min(x.length, y.length);
  for (let i = 0; i < length; i += 1) {
    const order = comparePart(x[i] as string, y[i] as string);
    if (order !== 0) return order;
  }
  if (x.length > length) return compareRemainder(x[length] as string);
  if (y.length > length) return -compareRemainder(y[length] as string);
  return 0;
}
