/**
 * Maven's version order (ComparableVersion as shipped in Maven 3.8.7) and
 * Maven version ranges. Versions are split into numbers and qualifiers;
 * `-` and a digit/letter switch open a sub-list, `.` does not; trailing
 * zeros and release qualifiers (`ga`, `final`, `release`) vanish.
 */

type Item = bigint | string | Item[];

const QUALIFIERS = ['alpha', 'beta', 'milestone', 'rc', 'snapshot', '', 'sp'];
const ALIASES: Record<string, string> = {
  ga: '',
  final: '',
  release: '',
  cr: 'rc',
};
const SHORT: Record<string, string> = { a: 'alpha', b: 'beta', m: 'milestone' };
const RELEASE_INDEX = QUALIFIERS.indexOf('');

function stringItem(text: string, followedByDigit: boolean): string {
  const expanded = followedByDigit && text.length === 1 ? SHORT[text] : text;
  const value = expanded ?? text;
  return ALIASES[value] ?? value;
}

function parseItem(isDigit: boolean, text: string): Item {
  return isDigit ? BigInt(text) : stringItem(text, false);
}

function isNullItem(item: Item): boolean {
  if (typeof item === 'bigint') return item === 0n;
  if (typeof item === 'string') return item === '';
  return item.length === 0;
}

/** Drops trailing null items (0, '', empty lists) as Maven's normalize(). */
function normalize(list: Item[]): void {
  for (let i = list.length - 1; i >= 0; i--) {
    const last = list[i] as Item;
    if (isNullItem(last)) list.splice(i, 1);
    else if (!Array.isArray(last)) break;
  }
}

function isAsciiDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** Parses a version into Maven's item tree. */
export function parseMavenVersion(version: string): Item[] {
  const text = version.toLowerCase();
  const root: Item[] = [];
  const stack: Item[][] = [root];
  let list = root;
  let isDigit = false;
  let start = 0;
  const open = (): void => {
    const next: Item[] = [];
    list.push(next);
    stack.push(next);
    list = next;
  };
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 46 || code === 45) {
      // '.' or '-': an empty part counts as 0; '-' opens a sub-list
      list.push(i === start ? 0n : parseItem(isDigit, text.slice(start, i)));
      start = i + 1;
      if (code === 45) open();
    } else if (isAsciiDigit(code)) {
      if (!isDigit && i > start) {
        // 1.0.0.X1 < 1.0.0-X2: a qualifier after '.' is treated as after '-'
        if (list.length > 0) open();
        list.push(stringItem(text.slice(start, i), true));
        start = i;
        open();
      }
      isDigit = true;
    } else {
      if (isDigit && i > start) {
        list.push(parseItem(true, text.slice(start, i)));
        start = i;
        open();
      }
      isDigit = false;
    }
  }
  if (text.length > start) {
    if (!isDigit && list.length > 0) open();
    list.push(parseItem(isDigit, text.slice(start)));
  }
  for (let i = stack.length - 1; i >= 0; i--) normalize(stack[i] as Item[]);
  return root;
}

function qualifierKey(value: string): string {
  const index = QUALIFIERS.indexOf(value);
  return index >= 0 ? String(index) : `${QUALIFIERS.length}-${value}`;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareWithNull(item: Item): number {
  if (typeof item === 'bigint') return item === 0n ? 0 : 1;
  if (typeof item === 'string') {
    return compareStrings(qualifierKey(item), String(RELEASE_INDEX));
  }
  for (const part of item) {
    const result = compareWithNull(part);
    if (result !== 0) return result;
  }
  return 0;
}

function compareItems(a: Item | undefined, b: Item | undefined): number {
  if (a === undefined) return b === undefined ? 0 : -compareWithNull(b);
  if (b === undefined) return compareWithNull(a);
  if (typeof a === 'bigint') {
    return typeof b === 'bigint' ? (a < b ? -1 : a > b ? 1 : 0) : 1;
  }
  if (typeof a === 'string') {
    if (typeof b === 'string') {
      return compareStrings(qualifierKey(a), qualifierKey(b));
    }
    return -1;
  }
  if (typeof b === 'bigint') return -1;
  if (typeof b === 'string') return 1;
  return compareLists(a, b);
}

function compareLists(a: Item[], b: Item[]): number {
  const length = Math.max(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const result = compareItems(a[i], b[i]);
    if (result !== 0) return result;
  }
  return 0;
}

const parsed = new Map<string, Item[]>();

function cachedParse(version: string): Item[] {
  let items = parsed.get(version);
  if (!items) {
    items = parseMavenVersion(version);
    // Bounded so hostile input cannot grow it without end.
    if (parsed.size > 50_000) parsed.clear();
    parsed.set(version, items);
  }
  return items;
}

/**
 * Compares two Maven versions: negative when `a` sorts before `b`, 0 when
 * Maven treats them as the same version, positive otherwise.
 *
 * @example compareMavenVersions('1.0-rc1', '1.0') // < 0
 */
export function compareMavenVersions(a: string, b: string): number {
  return compareLists(cachedParse(a), cachedParse(b));
}
