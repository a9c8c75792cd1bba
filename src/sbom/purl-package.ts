import { PackageURL } from 'packageurl-js';
import type { EcosystemName, GraphPackage, Scope } from '../core/model.js';
import {
  buildPurl,
  ecosystemOfPurlType,
  normalizePackageName,
} from '../core/purl.js';

/** What a purl says about a package, in Quartermaster's terms. */
export interface PurlIdentity {
  ecosystem: EcosystemName;
  name: string;
  version: string | null;
  /** Canonical purl, rebuilt with buildPurl (qualifiers dropped). */
  purl: string;
}

/** Why a component did not become a package. */
export type PurlProblem =
  'no-purl' | 'invalid-purl' | 'unsupported-purl-type' | 'invalid-entry';

function nameOf(
  ecosystem: EcosystemName,
  namespace: string | undefined,
  name: string,
): string {
  if (!namespace) return name;
  return ecosystem === 'Maven'
    ? `${namespace}:${name}`
    : `${namespace}/${name}`;
}

// ecosystemOfPurlType scans a table; SBOMs repeat a handful of types.
const ecosystemCache = new Map<string, EcosystemName | undefined>();

function ecosystemOf(type: string): EcosystemName | undefined {
  if (!ecosystemCache.has(type))
    ecosystemCache.set(type, ecosystemOfPurlType(type));
  return ecosystemCache.get(type);
}

/**
 * Reads a purl into ecosystem, normalised name and version. `fallback` is
 * the component's own version, used when the purl has none. The purl is
 * split with `PackageURL.parseString` and validated when buildPurl rebuilds
 * it, which costs a tenth of `PackageURL.fromString` on large SBOMs.
 */
export function identityOfPurl(
  purl: string | undefined,
  fallback?: string,
): PurlIdentity | PurlProblem {
  if (!purl) return 'no-purl';
  try {
    const [type, namespace, shortName, purlVersion] =
      PackageURL.parseString(purl);
    if (!type || !shortName) return 'invalid-purl';
    const ecosystem = ecosystemOf(type.toLowerCase());
    if (!ecosystem) return 'unsupported-purl-type';
    const name = normalizePackageName(
      ecosystem,
      nameOf(ecosystem, namespace, shortName),
    );
    const version = purlVersion ?? fallback ?? null;
    return {
      ecosystem,
      name,
      version,
      purl: buildPurl(ecosystem, name, version),
    };
  } catch {
    return 'invalid-purl';
  }
}

/** A graph package from an SBOM entry; direct and scope are set later. */
export function sbomPackage(
  key: string,
  identity: PurlIdentity,
  context: { file: string; scope?: Scope },
): GraphPackage {
  const pkg: GraphPackage = {
    key,
    ecosystem: identity.ecosystem,
    name: identity.name,
    version: identity.version,
    purl: identity.purl,
    source: 'registry',
    scope: context.scope ?? 'prod',
    direct: false,
    file: context.file,
  };
  if (identity.version === null) pkg.skipReason = 'unresolved';
  return pkg;
}

/** The ecosystem most packages belong to; roots need one. */
export function dominantEcosystem(
  packages: readonly GraphPackage[],
): EcosystemName | undefined {
  const counts = new Map<EcosystemName, number>();
  for (const p of packages)
    counts.set(p.ecosystem, (counts.get(p.ecosystem) ?? 0) + 1);
  let best: EcosystemName | undefined;
  for (const [ecosystem, count] of counts)
    if (!best || count > (counts.get(best) ?? 0)) best = ecosystem;
  return best;
}

/** Groups skipped entries into one warning per reason, naming a few. */
export class SkippedEntries {
  private readonly byReason = new Map<PurlProblem, string[]>();

  add(reason: PurlProblem, label: string): void {
    const list = this.byReason.get(reason);
    if (list) list.push(label);
    else this.byReason.set(reason, [label]);
  }

  count(): number {
    let total = 0;
    for (const list of this.byReason.values()) total += list.length;
    return total;
  }

  warnings(file: string) {
    return [...this.byReason].map(([reason, labels]) => ({
      file,
      code: 'ERR_SBOM_ENTRY_SKIPPED',
      message:
        `${labels.length} entries skipped (${reason}): ` +
        `${labels.slice(0, 5).join(', ')}${labels.length > 5 ? ', ...' : ''}; ` +
        'they are not in the dependency graph',
    }));
  }
}
