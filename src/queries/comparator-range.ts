import type { Versioning } from '../versioning/types.js';

/** One bound of a range: `<2.0`, `>=1.4.1`, `!=1.5.0`. */
export interface Comparator {
  operator: '<' | '<=' | '>' | '>=' | '=' | '!=';
  version: string;
}

/** A range as alternatives (`||`), each a list of bounds that must all hold. */
export type ComparatorRange = Comparator[][];

/**
 * What an ecosystem adds to plain comparators: `^` and `~` expanded into
 * bounds, and a bound rewritten before comparing (Composer's `<6.0` is
 * below 6.0's dev releases). Each returns undefined for what it refuses.
 */
export interface ComparatorDialect {
  versioning: Versioning;
  /** `||` between alternatives, as Composer writes it. */
  alternatives?: boolean;
  expand?(operator: '^' | '~', version: string): Comparator[] | undefined;
  adjust?(comparator: Comparator): Comparator;
  /**
   * Bounds for a whole alternative written in a form of its own (Composer's
   * `1.2.*` and `1.0 - 2.0`); undefined to read it as comparators.
   */
  whole?(text: string): Comparator[] | undefined;
}

const TOKEN = /^(<=|>=|!=|==|<|>|=|\^|~)\s*([^\s,<>=!^~|]+)\s*,?\s*/;

/**
 * Reads `>=1.2, <2`, `>=1.2 <2` or (with a dialect that has them) `^1.2`:
 * every bound needs an operator, and bounds are separated by commas or
 * spaces. Undefined when any part is not that ecosystem's syntax.
 */
export function parseComparatorRange(
  text: string,
  dialect: ComparatorDialect,
): ComparatorRange | undefined {
  const parts = dialect.alternatives ? text.split(/\s*\|\|?\s*/) : [text];
  const range: ComparatorRange = [];
  for (const part of parts) {
    const bounds = parseBounds(part.trim(), dialect);
    if (!bounds) return undefined;
    range.push(bounds);
  }
  return range;
}

function parseBounds(
  text: string,
  dialect: ComparatorDialect,
): Comparator[] | undefined {
  const special = dialect.whole?.(text);
  if (special) return special;
  const bounds: Comparator[] = [];
  let rest = text;
  while (rest !== '') {
    const match = TOKEN.exec(rest);
    if (!match) return undefined;
    const [whole, operator = '', version = ''] = match;
    rest = rest.slice(whole.length);
    if (!dialect.versioning.isValid(version)) return undefined;
    if (operator === '^' || operator === '~') {
      const expanded = dialect.expand?.(operator, version);
      if (!expanded) return undefined;
      bounds.push(...expanded);
      continue;
    }
    const bound: Comparator = {
      operator: operator === '==' ? '=' : (operator as Comparator['operator']),
      version,
    };
    bounds.push(dialect.adjust ? dialect.adjust(bound) : bound);
  }
  return bounds.length > 0 ? bounds : undefined;
}

/** True when the version meets every bound of one alternative. */
export function satisfiesComparatorRange(
  version: string,
  range: ComparatorRange,
  versioning: Versioning,
): boolean {
  return range.some((bounds) =>
    bounds.every((bound) =>
      holds(versioning.compare(version, bound.version), bound.operator),
    ),
  );
}

function holds(order: number, operator: Comparator['operator']): boolean {
  switch (operator) {
    case '<':
      return order < 0;
    case '<=':
      return order <= 0;
    case '>':
      return order > 0;
    case '>=':
      return order >= 0;
    case '=':
      return order === 0;
    case '!=':
      return order !== 0;
  }
}

const INTERVAL = /^([[(])\s*([^,\s]*)\s*(?:,\s*([^,\s]*)\s*)?([\])])$/;

/**
 * Reads NuGet interval notation: `[1.0,2.0)`, `(,2.0]`, `[1.0,)` and the
 * exact `[1.0]`. Undefined when it is not one interval of valid versions.
 */
export function parseInterval(
  text: string,
  versioning: Versioning,
): ComparatorRange | undefined {
  const match = INTERVAL.exec(text.trim());
  if (!match) return undefined;
  const [, open = '', low = '', high, close = ''] = match;
  if (high === undefined) {
    const exact = open === '[' && close === ']' && versioning.isValid(low);
    return exact ? [[{ operator: '=', version: low }]] : undefined;
  }
  const bounds: Comparator[] = [];
  if (low !== '')
    bounds.push({ operator: open === '[' ? '>=' : '>', version: low });
  if (high !== '')
    bounds.push({ operator: close === ']' ? '<=' : '<', version: high });
  const valid = bounds.every((b) => versioning.isValid(b.version));
  if (bounds.length === 0 || !valid) return undefined;
  // NuGet refuses an interval whose ends are the wrong way round.
  if (low !== '' && high !== '' && versioning.compare(low, high) > 0)
    return undefined;
  return [bounds];
}
