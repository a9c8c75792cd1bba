/** One PEP 508 dependency specification, split into its parts. */
export interface Requirement {
  /** The name as written (not normalised). */
  name: string;
  extras: string[];
  /** Version specifier without parentheses, e.g. `>=1.0,<2`; '' for any. */
  specifier: string;
  /** Direct reference after `@` (a VCS, archive or file URL). */
  url?: string;
  /** Environment marker after `;`, kept as written and not evaluated. */
  marker?: string;
}

const HEAD =
  /^\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(?:\[([^\]]*)\])?\s*/;

/**
 * Parses `name[extras] specifier ; marker` or `name @ url ; marker`, the
 * form used by pyproject.toml, poetry, uv and pdm; poetry's parenthesised
 * specifier (`name (>=1.0)`) is accepted too. Returns undefined when the
 * text does not start with a project name.
 */
export function parseRequirement(text: string): Requirement | undefined {
  const head = HEAD.exec(text);
  if (!head) return undefined;
  const extras = (head[2] ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  let rest = text.slice(head[0].length);
  let url: string | undefined;

  if (rest.startsWith('@')) {
    // A URL may itself hold ';', so the marker needs the space PEP 508 asks.
    const cut = rest.search(/\s;/);
    url = (cut < 0 ? rest.slice(1) : rest.slice(1, cut)).trim();
    rest = cut < 0 ? '' : rest.slice(cut);
  }
  const semi = rest.indexOf(';');
  const marker = semi < 0 ? '' : rest.slice(semi + 1).trim();
  const spec = (semi < 0 ? rest : rest.slice(0, semi)).trim();
  const requirement: Requirement = {
    name: head[1] as string,
    extras,
    specifier: spec.replace(/^\((.*)\)$/, '$1').replace(/\s+/g, ''),
  };
  if (url) requirement.url = url;
  if (marker) requirement.marker = marker;
  return requirement;
}

/** The pinned version of `==x` or `===x` (no wildcard), else undefined. */
export function pinnedVersion(specifier: string): string | undefined {
  const match = /^===?([^,*<>=!~\s]+)$/.exec(specifier);
  return match?.[1];
}

/** What kind of source a direct reference URL points at. */
export function urlSourceKind(url: string): 'git' | 'url' | 'file' {
  if (/^(git|hg|svn|bzr)\+/.test(url)) return 'git';
  if (url.startsWith('file:') || !url.includes('://')) return 'file';
  return 'url';
}
