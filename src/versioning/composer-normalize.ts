/**
 * Composer's version normalisation (composer/semver VersionParser), so that
 * `v1.0-beta1`, `1.0.0.0-beta1` and `1.0.0-b1` are one version. Returns
 * undefined for what Composer refuses (`1.0.0-meh`, `feature-foo`).
 */

const MODIFIER =
  '[._-]?(?:(stable|beta|b|RC|alpha|a|patch|pl|p)((?:[.-]?\\d+)*)?)?([.-]?dev)?';
const CLASSICAL = new RegExp(
  `^v?(\\d{1,5})(\\.\\d+)?(\\.\\d+)?(\\.\\d+)?${MODIFIER}$`,
  'i',
);
const DATED = new RegExp(
  `^v?(\\d{4}(?:[.:-]?\\d{2}){1,6}(?:[.:-]?\\d{1,3}){0,2})${MODIFIER}$`,
  'i',
);
const ALIAS = /^([^,\s]+) +as +([^,\s]+)$/;
const STABILITY_FLAG = /@(?:stable|RC|beta|alpha|dev)$/i;
const BUILD = /^([^,\s+]+)\+[^\s]+$/;
const DEV_SUFFIX = /^(.*?)[.-]?dev$/i;
const BRANCH =
  /^v?(\d+)(\.(?:\d+|[xX*]))?(\.(?:\d+|[xX*]))?(\.(?:\d+|[xX*]))?$/;
const WILDCARD = /^\.?[xX*]?$/;

function expandStability(stability: string): string {
  switch (stability.toLowerCase()) {
    case 'a':
      return 'alpha';
    case 'b':
      return 'beta';
    case 'p':
    case 'pl':
      return 'patch';
    case 'rc':
      return 'RC';
    default:
      // Composer lower-cases the rest: `BETA1` orders as `beta1`.
      return stability.toLowerCase();
  }
}

function withModifiers(version: string, groups: string[]): string {
  const [stability, number, dev] = groups;
  let out = version;
  if (stability) {
    if (stability.toLowerCase() === 'stable') return out;
    out += `-${expandStability(stability)}${(number ?? '').replace(/^[.-]+/, '')}`;
  }
  return dev ? `${out}-dev` : out;
}

/** `1.x` and `2.0` as branch names: the highest version they can hold. */
function normalizeBranch(name: string): string | undefined {
  const match = BRANCH.exec(name.trim());
  if (!match) return undefined;
  const parts = [match[1] as string];
  for (const part of match.slice(2, 5)) {
    parts.push(WILDCARD.test(part ?? '') ? '9999999' : (part ?? '').slice(1));
  }
  return `${parts.join('.')}-dev`;
}

export function normalizeComposerVersion(input: string): string | undefined {
  let version = input.trim();
  version = ALIAS.exec(version)?.[1] ?? version;
  version = version.replace(STABILITY_FLAG, '');
  if (['master', 'trunk', 'default'].includes(version))
    version = `dev-${version}`;
  if (version.toLowerCase().startsWith('dev-'))
    return `dev-${version.slice(4)}`;
  version = BUILD.exec(version)?.[1] ?? version;

  const classical = CLASSICAL.exec(version);
  if (classical) {
    const [, major, minor, patch, extra] = classical;
    const base = `${major}${minor || '.0'}${patch || '.0'}${extra || '.0'}`;
    return withModifiers(base, classical.slice(5, 8) as string[]);
  }
  const dated = DATED.exec(version);
  if (dated) {
    const base = (dated[1] as string).replace(/\D/g, '.');
    return withModifiers(base, dated.slice(2, 5) as string[]);
  }
  const dev = DEV_SUFFIX.exec(version);
  return dev ? normalizeBranch(dev[1] as string) : undefined;
}
