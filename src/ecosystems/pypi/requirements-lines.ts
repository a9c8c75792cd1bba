import { parseRequirement, type Requirement } from './pep508.js';

/** One logical line of a requirements file, classified. */
export type RequirementLine =
  | { kind: 'include'; line: number; path: string; constraint: boolean }
  | {
      kind: 'requirement';
      line: number;
      requirement: Requirement;
      editable: boolean;
    }
  | { kind: 'unnamed'; line: number; text: string }
  | ViaLine;

/** pip-compile's `# via a, b` note (open when more `#   x` lines follow). */
export interface ViaLine {
  kind: 'via';
  line: number;
  parents: string[];
  open: boolean;
}

// One whitespace, not \s+: a search with \s+ is quadratic on long blank runs.
const OPTION = /\s--?[A-Za-z]/;
const INCLUDE =
  /^(-r|--requirement|-c|--constraint)(?:\s*=\s*|\s+|(?=[^\s-]))(\S+)/;
const EDITABLE = /^(?:-e|--editable)(?:\s*=\s*|\s+)(\S+)/;
const COMMENT = /(^|\s)#/;

/**
 * Splits requirements text into logical lines: `\` continuations joined,
 * comments split off (their `# via` notes from pip-compile kept, since
 * they tell direct from transitive), option lines dropped.
 */
export function parseRequirementLines(text: string): RequirementLine[] {
  const out: RequirementLine[] = [];
  const physical = text.split(/\r?\n/);
  let inVia = false;
  for (let i = 0; i < physical.length; i++) {
    const first = i + 1;
    let joined = physical[i] as string;
    while (joined.endsWith('\\') && i + 1 < physical.length) {
      i++;
      const next = physical[i] as string;
      // Hash lines are dropped anyway; not joining them keeps lines short.
      const hashOnly =
        next.trimStart().startsWith('--hash') && next.endsWith('\\');
      joined = hashOnly ? joined : `${joined.slice(0, -1)} ${next}`;
    }
    const cut = joined.search(COMMENT);
    const body = (cut < 0 ? joined : joined.slice(0, cut)).trim();
    const comment = cut < 0 ? '' : joined.slice(cut).trim().slice(1).trim();

    const entry = body ? classify(body, first) : undefined;
    if (entry) out.push(entry);
    const via = viaNote(comment, first, inVia && !body);
    if (via) out.push(via);
    inVia = via?.open ?? (inVia && !body && comment !== '');
  }
  return out;
}

function classify(body: string, line: number): RequirementLine | undefined {
  const include = INCLUDE.exec(body);
  if (include) {
    const constraint = include[1] === '-c' || include[1] === '--constraint';
    return { kind: 'include', line, path: include[2] as string, constraint };
  }
  const editable = EDITABLE.exec(body);
  if (editable) return requirementOf(editable[1] as string, line, true);
  // Other options (--index-url, -i, --extra-index-url, -f ...) only steer pip.
  if (body.startsWith('-')) return undefined;
  const cut = body.search(OPTION);
  return requirementOf(cut < 0 ? body : body.slice(0, cut), line, false);
}

function requirementOf(
  text: string,
  line: number,
  editable: boolean,
): RequirementLine {
  const fromUrl = urlRequirement(text);
  if (fromUrl === null) return { kind: 'unnamed', line, text };
  const requirement = fromUrl ?? parseRequirement(text);
  if (!requirement) return { kind: 'unnamed', line, text };
  return { kind: 'requirement', line, requirement, editable };
}

/**
 * A bare URL or path (`git+https://...#egg=name`, `./pkg`, `x.whl`) as a
 * requirement; null when it names no project; undefined when `text` is a
 * plain PEP 508 line instead.
 */
function urlRequirement(text: string): Requirement | null | undefined {
  const isUrl = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) || /^[a-z]+\+/.test(text);
  const isPath =
    /^(\.{1,2}\/|\/|\.$|[^\s@;=<>!~]+\.(whl|zip|tar\.gz|tgz)$)/.test(text);
  if (!isUrl && !isPath) return undefined;
  const semi = text.search(/\s;/);
  const url = (semi < 0 ? text : text.slice(0, semi)).trim();
  const marker = semi < 0 ? undefined : text.slice(semi + 2).trim();
  const named = nameFromUrl(url);
  if (!named) return null;
  const requirement: Requirement = {
    name: named.name,
    extras: [],
    specifier: named.version ? `==${named.version}` : '',
    url,
  };
  if (marker) requirement.marker = marker;
  return requirement;
}

/** The project name (and version) an egg fragment or a file name carries. */
export function nameFromUrl(
  url: string,
): { name: string; version?: string } | undefined {
  const egg = /[#&]egg=([A-Za-z0-9._-]+)/.exec(url);
  if (egg) return { name: egg[1] as string };
  const file = url.split(/[?#]/)[0]?.split('/').pop() ?? '';
  const wheel = /^([A-Za-z0-9._]+)-([^-]+)-.*\.whl$/.exec(file);
  if (wheel) return { name: wheel[1] as string, version: wheel[2] };
  const sdist = /^(.+?)-(\d[^-]*)\.(tar\.gz|tgz|zip|tar\.bz2)$/.exec(file);
  if (sdist) return { name: sdist[1] as string, version: sdist[2] };
  return undefined;
}

function viaNote(
  comment: string,
  line: number,
  continuing: boolean,
): ViaLine | undefined {
  const via = /^via\b(.*)$/.exec(comment);
  if (via) {
    const rest = (via[1] as string).trim();
    return { kind: 'via', line, parents: splitVia(rest), open: rest === '' };
  }
  if (continuing && comment) {
    return { kind: 'via', line, parents: splitVia(comment), open: true };
  }
  return undefined;
}

/** `-r a.in, kombu` → ['-r a.in', 'kombu']. */
function splitVia(text: string): string[] {
  return text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
}
