/**
 * Small shared pieces of version comparison: numbers of any length compared
 * without overflow, and SemVer pre-release identifier lists.
 */

const DIGITS = /^\d+$/;

/** Compares two digit strings by value, whatever their length. */
export function compareDigits(a: string, b: string): number {
  const x = a.replace(/^0+(?=\d)/, '');
  const y = b.replace(/^0+(?=\d)/, '');
  if (x.length !== y.length) return x.length - y.length;
  return x < y ? -1 : x > y ? 1 : 0;
}

export function isDigits(value: string): boolean {
  return DIGITS.test(value);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * SemVer 2 precedence of pre-release identifier lists: numeric identifiers
 * by value and below alphanumeric ones, the rest by ASCII, a shorter list
 * first. An empty list (a release) sorts after every pre-release.
 */
export function comparePrerelease(
  a: readonly string[],
  b: readonly string[],
  ignoreCase = false,
): number {
  if (a.length === 0 || b.length === 0) return b.length - a.length;
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i += 1) {
    const x = a[i] as string;
    const y = b[i] as string;
    const xNumeric = isDigits(x);
    const yNumeric = isDigits(y);
    let order: number;
    if (xNumeric && yNumeric) order = compareDigits(x, y);
    else if (xNumeric !== yNumeric) order = xNumeric ? -1 : 1;
    else if (ignoreCase) order = compareText(x.toLowerCase(), y.toLowerCase());
    else order = compareText(x, y);
    if (order !== 0) return order;
  }
  return a.length - b.length;
}

/**
 * A last-resort order for strings no ecosystem rule reads: runs of digits
 * compare by value, runs of letters by text, a number above a word, and a
 * longer string above its own prefix (`1.0` < `1.0.1`).
 */
export function compareLoose(a: string, b: string): number {
  const x = a.match(/\d+|[a-z]+/gi) ?? [];
  const y = b.match(/\d+|[a-z]+/gi) ?? [];
  const length = Math.min(x.length, y.length);
  for (let i = 0; i < length; i += 1) {
    const p = x[i] as string;
    const q = y[i] as string;
    const pNumeric = isDigits(p);
    const qNumeric = isDigits(q);
    let order: number;
    if (pNumeric && qNumeric) order = compareDigits(p, q);
    else if (pNumeric !== qNumeric) order = pNumeric ? 1 : -1;
    else order = compareText(p.toLowerCase(), q.toLowerCase());
    if (order !== 0) return order;
  }
  return x.length - y.length;
}
