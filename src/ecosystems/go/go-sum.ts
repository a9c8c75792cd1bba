/** A module whose code go.sum records (not only its go.mod). */
export interface GoSumModule {
  path: string;
  version: string;
  line: number;
}

/**
 * Modules whose content go.sum holds a hash for, the highest version of
 * each (minimal version selection keeps the highest). Lines for `/go.mod`
 * alone only mean the module graph was read, not that code is built.
 */
export function modulesFromGoSum(text: string): GoSumModule[] {
  const best = new Map<string, GoSumModule>();
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const [path, version] = (lines[i] as string).trim().split(/\s+/);
    if (!path || !version || version.endsWith('/go.mod')) continue;
    const seen = best.get(path);
    if (!seen || compareGoVersions(version, seen.version) > 0) {
      best.set(path, { path, version, line: i + 1 });
    }
  }
  return [...best.values()];
}

/**
 * Semver order for Go module versions (`v1.2.3`, pre-releases and
 * pseudo-versions sort as semver pre-releases; `+incompatible` ignored).
 */
export function compareGoVersions(a: string, b: string): number {
  const [coreA, preA] = splitVersion(a);
  const [coreB, preB] = splitVersion(b);
  for (let i = 0; i < 3; i++) {
    const diff = (coreA[i] ?? 0) - (coreB[i] ?? 0);
    if (diff !== 0) return diff;
  }
  if (preA === preB) return 0;
  if (!preA) return 1;
  if (!preB) return -1;
  return preA < preB ? -1 : 1;
}

function splitVersion(version: string): [number[], string] {
  const clean = version.replace(/^v/, '').replace(/\+.*$/, '');
  const dash = clean.indexOf('-');
  const core = dash < 0 ? clean : clean.slice(0, dash);
  return [core.split('.').map(Number), dash < 0 ? '' : clean.slice(dash + 1)];
}
