import type { Exposure } from '../../core/catalog.js';
import type { EcosystemName } from '../../core/model.js';
import type { QmDatabase } from '../../store/database.js';
import {
  blastRadius,
  type BlastRadius,
} from '../../store/advisories/blast-radius.js';
import type { DependencyPath } from '../../queries/who-uses-paths.js';
import { whoUses } from '../../queries/who-uses.js';
import { compareVersions, versioningFor } from '../../versioning/index.js';
import { decisionLookup } from './apply-decisions.js';
import { listDecisions } from './record-decision.js';
import type { AppliedDecision } from './list-vulns.js';

/** One affected package version in one service, with how it gets there. */
export interface AffectedUse {
  purl: string;
  name: string;
  version: string | null;
  direct: boolean;
  scope: string;
  priority: string;
  /** The shortest path from the service's manifest; empty when unknown. */
  path: DependencyPath;
  otherPaths: number;
  /** The lowest version that fixes this installed version, if any. */
  lowestFix?: string;
  /** The live triage decision covering this finding, if any. */
  decision?: AppliedDecision;
}

/** One service hit, with owner and exposure. */
export interface AffectedService {
  namespace: string;
  name: string;
  owner: string;
  exposure?: Exposure;
  priority: string;
  uses: AffectedUse[];
  /** True when a live decision covers every use: nothing left to fix here. */
  decided: boolean;
}

/** The `--json` shape of `quartermaster advisory ID`. */
export interface AdvisoryReport {
  vulnerability: BlastRadius['vulnerability'];
  records: BlastRadius['records'];
  services: AffectedService[];
  /** Services with at least one use no decision covers. */
  openServices: number;
  packageVersions: number;
  byPriority: Record<string, number>;
  /**
   * Per package name, the lowest version that fixes every affected version
   * installed anywhere (the highest of the per-use lowest fixes).
   */
  upgradeTo: Record<string, string>;
}

/** The lowest of some versions of one ecosystem, by its own ordering. */
export function lowestVersion(
  ecosystem: string,
  versions: readonly string[],
): string | undefined {
  return sortVersions(ecosystem, versions)[0];
}

/** Versions in the ecosystem's order (text order when it has none). */
function sortVersions(ecosystem: string, versions: readonly string[]) {
  const eco = ecosystem as EcosystemName;
  if (!versioningFor(eco)) return [...versions].sort();
  return [...versions].sort((a, b) => compareVersions(eco, a, b));
}

interface PathInfo {
  path: DependencyPath;
  otherPaths: number;
  exposure: Exposure;
}

async function pathsOf(
  db: QmDatabase,
  purls: Iterable<string>,
): Promise<Map<string, PathInfo>> {
  const out = new Map<string, PathInfo>();
  for (const purl of purls) {
    const result = await whoUses(db, { purl, paths: true, limit: 100_000 });
    for (const service of result.services)
      for (const match of service.matches)
        out.set(`${service.namespace}/${service.name}\n${match.purl}`, {
          path: match.path ?? [],
          otherPaths: match.otherPaths ?? 0,
          exposure: service.exposure,
        });
  }
  return out;
}

/**
 * The blast radius of the vulnerability known by `id` (any id or alias):
 * every affected service with owner, exposure, shortest path and lowest
 * fixing version. Throws NotFoundError ERR_ADVISORY_NOT_FOUND.
 */
export async function advisoryReport(
  db: QmDatabase,
  id: string,
): Promise<AdvisoryReport> {
  const radius = await blastRadius(db, id);
  const purls = new Set(
    radius.services.flatMap((s) => s.findings.map((f) => f.package.purl)),
  );
  const paths = await pathsOf(db, purls);
  const decisionFor = decisionLookup(await listDecisions(db));
  const fixesByName = new Map<string, { ecosystem: string; v: string[] }>();

  const services = radius.services.map((s): AffectedService => {
    const key = `${s.namespace}/${s.name}`;
    const uses = s.findings.map((f): AffectedUse => {
      const info = paths.get(`${key}\n${f.package.purl}`);
      const lowestFix = lowestVersion(f.package.ecosystem, f.fixedVersions);
      const entry = fixesByName.get(f.package.name) ?? {
        ecosystem: f.package.ecosystem,
        v: [],
      };
      if (lowestFix) entry.v.push(lowestFix);
      fixesByName.set(f.package.name, entry);
      return {
        purl: f.package.purl,
        name: f.package.name,
        version: f.package.version,
        direct: f.direct,
        scope: f.scope,
        priority: f.priority,
        path: info?.path ?? [],
        otherPaths: info?.otherPaths ?? 0,
        lowestFix,
        decision: decisionFor(f),
      };
    });
    const exposure = [...paths.entries()].find(([k]) =>
      k.startsWith(`${key}\n`),
    )?.[1].exposure;
    return {
      ...s,
      exposure,
      uses,
      decided: uses.every((u) => u.decision !== undefined),
    };
  });

  const upgradeTo: Record<string, string> = {};
  for (const [name, { ecosystem, v }] of fixesByName) {
    const highest = sortVersions(ecosystem, v).at(-1);
    if (highest) upgradeTo[name] = highest;
  }
  return {
    vulnerability: radius.vulnerability,
    records: radius.records,
    services,
    openServices: services.filter((s) => !s.decided).length,
    packageVersions: radius.packageVersions,
    byPriority: radius.byPriority,
    upgradeTo,
  };
}
