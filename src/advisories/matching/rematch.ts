import { NotFoundError } from '../../core/errors.js';
import { graphMetrics } from '../../core/graph-metrics.js';
import type { Exposure } from '../../core/catalog.js';
import type { Scope } from '../../core/model.js';
import type { QmDatabase } from '../../store/database.js';
import {
  readCandidatePackages,
  type CandidatePackage,
} from '../../store/advisories/read-candidate-packages.js';
import { refreshStatistics } from '../../store/refresh-statistics.js';
import { readEnrichment } from '../../store/advisories/read-enrichment.js';
import {
  readMatchTargets,
  type MatchTarget,
} from '../../store/advisories/read-match-targets.js';
import {
  readPackageUses,
  type PackageUseRow,
} from '../../store/advisories/read-package-uses.js';
import {
  readScopedFindings,
  type StoredFinding,
} from '../../store/advisories/read-scoped-findings.js';
import { readServiceExposures } from '../../store/advisories/read-service-exposure.js';
import { readSnapshotPackages } from '../../store/advisories/read-snapshot-packages.js';
import {
  readMatchAdvisories,
  type MatchableVulnerability,
} from '../../store/advisories/read-match-advisories.js';
import {
  readNamedPackages,
  type PackageKeyRef,
} from '../../store/advisories/read-vulnerabilities.js';
import {
  applyFindingChanges,
  listJson,
  deleteSupersededFindings,
  reasonIds,
  readFirstSeen,
  type FindingRow,
} from '../../store/advisories/write-findings.js';
import { exploitationOf, type Enrichment } from '../enrichment/types.js';
import { prioritize, type PriorityResult } from '../priority.js';
import type { SeverityLevel } from '../severity/assess.js';
import { fixedVersionsFor, isAffected } from './affected.js';
import { factsHash } from './facts-hash.js';
import { packageKey } from './package-key.js';

export interface MatchOptions {
  /** KEV and EPSS to use; when absent, those stored by importEnrichment. */
  enrichment?: Enrichment;
  /** Time written as `first_seen` for new findings (default now). */
  now?: string;
  /**
   * Package entries whose uses one chunk of snapshots reads at most
   * (default 150,000): lower it to bound memory further.
   */
  chunkPackageEntries?: number;
}

/**
 * What a match covers. Absent parts mean "all": no `snapshotIds` is every
 * current snapshot of a service not retired, no `vulnerabilityIds` every
 * stored vulnerability.
 */
export interface MatchScope {
  snapshotIds?: readonly number[];
  vulnerabilityIds?: readonly string[];
}

/** What a matching run did. */
export interface MatchSummary {
  /** Snapshots looked at: those in scope that hold a package the matched advisories name. */
  snapshots: number;
  /** Findings in scope after the run. */
  findings: number;
  /** Findings written: new ones and changed ones (priority, paths, fix, ...). */
  written?: number;
  /** Findings removed: fixed, withdrawn, or the package left the snapshot. */
  removed?: number;
}

/** A package of one snapshot, its nodes folded together. */
interface FoldedUse {
  serviceId: number;
  snapshotId: number;
  packageId: number;
  direct: boolean;
  scope: Scope;
  depth?: number;
  paths: number;
}

/** An affected package version and why. */
interface Hit {
  vulnerability: MatchableVulnerability;
  fixedVersions: string[];
}

const NOT_SHIPPED = new Set<Scope>(['dev', 'test']);

const keyOf = (p: { ecosystem: string; nameKey: string }): string =>
  `${p.ecosystem}\n${p.nameKey}`;

function candidateKey(p: CandidatePackage): PackageKeyRef {
  return { ecosystem: p.ecosystem, nameKey: packageKey(p.ecosystem, p.name) };
}

function indexByPackage(
  vulnerabilities: Iterable<MatchableVulnerability>,
): Map<string, MatchableVulnerability[]> {
  const index = new Map<string, MatchableVulnerability[]>();
  for (const v of vulnerabilities)
    for (const key of v.affected.keys()) {
      const list = index.get(key);
      if (list) list.push(v);
      else index.set(key, [v]);
    }
  return index;
}

/** Every affected candidate with its vulnerabilities. */
function evaluate(
  candidates: readonly CandidatePackage[],
  index: Map<string, MatchableVulnerability[]>,
): Map<number, Hit[]> {
  const hits = new Map<number, Hit[]>();
  for (const pkg of candidates) {
    const key = keyOf(candidateKey(pkg));
    for (const vulnerability of index.get(key) ?? []) {
      const entries = (vulnerability.affected.get(key) ?? []).filter((e) =>
        isAffected(pkg.ecosystem, pkg.version, e),
      );
      if (entries.length === 0) continue;
      const list = hits.get(pkg.packageId) ?? [];
      list.push({
        vulnerability,
        fixedVersions: fixedVersionsFor(pkg.ecosystem, pkg.version, entries),
      });
      hits.set(pkg.packageId, list);
    }
  }
  return hits;
}

/**
 * Node metrics for snapshots written before they were stored: computed
 * from the snapshot's graph, once per snapshot.
 */
async function fillMissingMetrics(
  db: QmDatabase,
  uses: PackageUseRow[],
): Promise<void> {
  const missing = new Set(
    uses.filter((u) => u.paths === null).map((u) => u.snapshotId),
  );
  for (const snapshotId of missing) {
    const snapshot = await readSnapshotPackages(db, snapshotId);
    if (!snapshot) continue;
    const nodeCount = Math.max(
      snapshot.rootCount,
      ...snapshot.packages.map((p) => p.node + 1),
    );
    const metrics = graphMetrics(nodeCount, snapshot.rootCount, snapshot.edges);
    for (const use of uses) {
      if (use.snapshotId !== snapshotId) continue;
      use.depth = metrics[use.node]?.depth ?? null;
      use.paths = metrics[use.node]?.paths ?? 0;
    }
  }
}

/** One entry per (snapshot, package): direct anywhere, shipped anywhere, shallowest depth, all paths. */
function foldUses(uses: readonly PackageUseRow[]): FoldedUse[] {
  const folded = new Map<string, FoldedUse>();
  for (const u of uses) {
    const key = `${u.snapshotId}|${u.packageId}`;
    const depth = u.depth ?? undefined;
    const current = folded.get(key);
    if (!current) {
      folded.set(key, {
        serviceId: u.serviceId,
        snapshotId: u.snapshotId,
        packageId: u.packageId,
        direct: u.direct,
        scope: u.scope,
        depth,
        paths: u.paths ?? 0,
      });
      continue;
    }
    current.direct ||= u.direct;
    if (NOT_SHIPPED.has(current.scope) && !NOT_SHIPPED.has(u.scope))
      current.scope = u.scope;
    if (
      depth !== undefined &&
      (current.depth === undefined || depth < current.depth)
    )
      current.depth = depth;
    current.paths += u.paths ?? 0;
  }
  return [...folded.values()];
}

interface Scored {
  uses: FoldedUse[];
  hits: Map<number, Hit[]>;
  exposures: Map<number, Exposure>;
  enrichment: Enrichment;
}

/**
 * The findings rows of the scope, first-seen dates left to fill. Many
 * services share a package at the same depth and scope, so a priority is
 * computed once per distinct input and its result (reasons included)
 * shared between their rows.
 */
function findingRows(input: Scored): FindingRow[] {
  const rows: FindingRow[] = [];
  const exploitation = new Map<string, ReturnType<typeof exploitationOf>>();
  const priorities = new Map<string, PriorityResult>();
  for (const use of input.uses) {
    const exposure = input.exposures.get(use.serviceId);
    const exposureBits = exposure
      ? `${+exposure.internetFacing}${+exposure.paymentPath}${+exposure.userData}`
      : '-';
    for (const { vulnerability: v, fixedVersions } of input.hits.get(
      use.packageId,
    ) ?? []) {
      const key = `${v.id}|${use.packageId}|${exposureBits}|${use.scope}|${+use.direct}|${use.depth ?? ''}`;
      let result = priorities.get(key);
      if (!result) {
        let exploited = exploitation.get(v.id);
        if (!exploited) {
          exploited = exploitationOf(v.ids, input.enrichment);
          exploitation.set(v.id, exploited);
        }
        result = prioritize({
          severity: v.severity as SeverityLevel,
          score: v.score,
          ...exploited,
          exposure,
          scope: use.scope,
          direct: use.direct,
          depth: use.depth,
          fixedVersions,
        });
        priorities.set(key, result);
      }
      rows.push({
        serviceId: use.serviceId,
        snapshotId: use.snapshotId,
        packageId: use.packageId,
        vulnerabilityId: v.id,
        direct: use.direct,
        depth: use.depth,
        paths: use.paths,
        scope: use.scope,
        fixedVersions,
        severity: v.severity,
        priority: result.priority,
        points: result.points,
        reasons: result.reasons,
        // Set once the stored findings have been compared.
        firstSeen: '',
      });
    }
  }
  return rows;
}

const findingKey = (f: {
  snapshotId: number;
  packageId: number;
  vulnerabilityId: string;
}): string => `${f.snapshotId}|${f.packageId}|${f.vulnerabilityId}`;

/**
 * The facts of a fresh finding that a match may change, as one string
 * (keys and first-seen left out, lists as their JSON, reasons by id): its
 * hash is stored with the finding and compared on the next match.
 */
function freshFacts(
  r: FindingRow,
  reasonIdOf: ReadonlyMap<string, number>,
): string {
  return `${r.direct ? 1 : 0}|${r.depth ?? ''}|${r.paths}|${r.scope}|${r.severity}|${r.priority}|${r.points}|${listJson(r.fixedVersions)}|${reasonIdOf.get(listJson(r.reasons))}`;
}

/**
 * Matches the snapshots and vulnerabilities in `scope` and writes only what
 * changed: new findings, findings whose facts changed (priority, fix, paths,
 * ...) and findings that no longer hold. The work is set-based: each package
 * version is checked once against the advisories naming it, however many
 * services use it, and node depth and path counts come stored with the
 * snapshot. Throws NotFoundError ERR_SNAPSHOT_NOT_FOUND for a snapshot id
 * that does not exist.
 */
export async function rematch(
  db: QmDatabase,
  scope: MatchScope = {},
  options: MatchOptions = {},
): Promise<MatchSummary> {
  // A vulnerability-only match reaches snapshots through the packages the
  // vulnerabilities name, so it needs no list of every current snapshot.
  const vulnerabilityOnly = Boolean(
    scope.vulnerabilityIds && !scope.snapshotIds,
  );
  const targets = vulnerabilityOnly
    ? []
    : await readMatchTargets(db, scope.snapshotIds);
  if (scope.snapshotIds) {
    const known = new Set(targets.map((t) => t.snapshotId));
    const unknown = scope.snapshotIds.find((id) => !known.has(id));
    if (unknown !== undefined)
      throw new NotFoundError(
        'ERR_SNAPSHOT_NOT_FOUND',
        `snapshot ${unknown} does not exist; scan the service first`,
      );
  }
  const snapshotIds = scope.snapshotIds ? [...scope.snapshotIds] : undefined;

  // Candidates and the vulnerabilities that name them.
  let candidates: CandidatePackage[];
  let vulnerabilities: Map<string, MatchableVulnerability>;
  if (scope.vulnerabilityIds) {
    const named = await readNamedPackages(db, scope.vulnerabilityIds);
    const namedKeys = new Set(named.map(keyOf));
    candidates = snapshotIds
      ? (await readCandidatePackages(db, { snapshotIds })).filter((p) =>
          namedKeys.has(keyOf(candidateKey(p))),
        )
      : await readCandidatePackages(db, { keys: named });
    vulnerabilities = await readMatchAdvisories(db, {
      vulnerabilityIds: scope.vulnerabilityIds,
    });
  } else {
    candidates = await readCandidatePackages(
      db,
      snapshotIds ? { snapshotIds } : 'all',
    );
    const keys = new Map(
      candidates.map((p) => {
        const key = candidateKey(p);
        return [keyOf(key), key];
      }),
    );
    vulnerabilities = await readMatchAdvisories(db, {
      keys: [...keys.values()],
    });
  }
  const hits = evaluate(candidates, indexByPackage(vulnerabilities.values()));

  // Where the affected packages sit. With a vulnerability scope, every
  // candidate's uses are read, so that `snapshots` counts those looked at.
  const usedIds = scope.vulnerabilityIds
    ? candidates.map((p) => p.packageId)
    : [...hits.keys()];
  const enrichment =
    options.enrichment ??
    (await readEnrichment(
      db,
      [...vulnerabilities.values()].flatMap((v) => v.ids),
    ));
  const context: ChunkContext = {
    scope,
    reasonIds: new Map(),
    usedIds,
    hits,
    enrichment,
    now: options.now ?? new Date().toISOString(),
  };

  // A few services at a time, so memory follows the chunk and not the
  // organisation. A vulnerability-only match reads the uses of the packages
  // it names across every current snapshot at once: few, and fast.
  const chunks: Array<ReadonlyMap<number, number> | undefined> =
    vulnerabilityOnly
      ? [undefined]
      : chunkBySize(
          targets,
          options.chunkPackageEntries ?? CHUNK_PACKAGE_ENTRIES,
        );
  const totals = { findings: 0, written: 0, removed: 0 };
  const looked = new Set<number>();
  for (const chunk of chunks) {
    const done = await matchChunk(db, context, chunk);
    totals.findings += done.findings;
    totals.written += done.written;
    totals.removed += done.removed;
    for (const id of done.looked) looked.add(id);
  }

  const superseded = supersededServices(targets, scope);
  if (superseded !== 'none')
    await db
      .transaction()
      .execute((tx) => deleteSupersededFindings(tx, superseded));

  await refreshStatistics(db, {
    tables: ['findings'],
    changedRows: totals.written + totals.removed,
  });
  return {
    snapshots: scope.vulnerabilityIds ? looked.size : targets.length,
    ...totals,
  };
}

/**
 * Package entries (snapshot_packages rows) whose uses one chunk reads at
 * most: about a hundred services of 1,500 packages, a few hundred MB at
 * the peak of the chunk with its findings.
 */
const CHUNK_PACKAGE_ENTRIES = 150_000;

/**
 * Snapshots (id to service id) in chunks whose package entries add up to
 * `limit` at most (one snapshot at least), in the order given.
 */
function chunkBySize(
  targets: readonly MatchTarget[],
  limit: number,
): Array<Map<number, number>> {
  const chunks: Array<Map<number, number>> = [];
  let current = new Map<number, number>();
  let size = 0;
  for (const target of targets) {
    if (current.size > 0 && size + target.packageCount > limit) {
      chunks.push(current);
      current = new Map();
      size = 0;
    }
    current.set(target.snapshotId, target.serviceId);
    size += target.packageCount;
  }
  if (current.size > 0) chunks.push(current);
  return chunks;
}

/** What every chunk of one match shares. */
interface ChunkContext {
  scope: MatchScope;
  /** finding_reasons ids seen so far in this match, by JSON text. */
  reasonIds: Map<string, number>;
  /** Packages whose uses are read. */
  usedIds: readonly number[];
  hits: Map<number, Hit[]>;
  enrichment: Enrichment;
  now: string;
}

/**
 * Matches one chunk of snapshots (or, undefined, every current snapshot)
 * and writes its difference with what is stored, in one transaction.
 */
async function matchChunk(
  db: QmDatabase,
  context: ChunkContext,
  chunk: ReadonlyMap<number, number> | undefined,
): Promise<{
  findings: number;
  written: number;
  removed: number;
  looked: Set<number>;
}> {
  const { scope, hits } = context;
  const snapshotIds = chunk && [...chunk.keys()];
  const allUses = await readPackageUses(db, context.usedIds, chunk);
  const uses = allUses.filter((u) => hits.has(u.packageId));
  await fillMissingMetrics(db, uses);
  const folded = foldUses(uses);

  const serviceIds = [...new Set(folded.map((u) => u.serviceId))];
  const rows = findingRows({
    uses: folded,
    hits,
    exposures: await readServiceExposures(db, serviceIds),
    enrichment: context.enrichment,
  });

  // Compare with what is stored and write the difference.
  const stored = await readScopedFindings(db, {
    snapshotIds,
    vulnerabilityIds: scope.vulnerabilityIds,
  });
  const storedByKey = new Map<string, StoredFinding>();
  for (const f of stored) storedByKey.set(findingKey(f), f);
  // Matching from empty (a first match, a new service) compares nothing.
  const rowKeys = stored.length > 0 ? rows.map(findingKey) : undefined;
  const fresh = rowKeys
    ? rows.filter((_, i) => !storedByKey.has(rowKeys[i]!))
    : rows;
  // A new finding takes its date from the service's earlier snapshots (for
  // a chunk of snapshots), or from the advisory's own earlier findings.
  const firstSeen = await readFirstSeen(
    db,
    snapshotIds
      ? { serviceIds: [...new Set(fresh.map((r) => r.serviceId))] }
      : {
          vulnerabilityIds: [...new Set(fresh.map((r) => r.vulnerabilityId))],
        },
  );
  const insert: FindingRow[] = [];
  const deleteIds: number[] = [];
  // Facts name reasons by their stored id.
  const reasonIdOf = await reasonIds(
    db,
    rows.map((r) => r.reasons),
    context.reasonIds,
  );
  rows.forEach((row, i) => {
    row.factsHash = factsHash(freshFacts(row, reasonIdOf));
    const key = rowKeys?.[i];
    const old = key === undefined ? undefined : storedByKey.get(key);
    if (old && key !== undefined) {
      storedByKey.delete(key);
      if (old.factsHash === row.factsHash) return;
      deleteIds.push(old.id);
      row.firstSeen = old.firstSeen;
      insert.push(row);
      return;
    }
    const earlier =
      firstSeen.size > 0
        ? firstSeen.get(
            `${row.serviceId}|${row.packageId}|${row.vulnerabilityId}`,
          )
        : undefined;
    row.firstSeen = earlier ?? context.now;
    insert.push(row);
  });
  // What is left of the stored findings no longer holds.
  for (const f of storedByKey.values()) deleteIds.push(f.id);
  if (deleteIds.length > 0 || insert.length > 0)
    await db
      .transaction()
      .execute((tx) =>
        applyFindingChanges(tx, { deleteIds, insert, reasonIds: reasonIdOf }),
      );

  const looked = new Set(allUses.map((u) => u.snapshotId));
  for (const f of stored) looked.add(f.snapshotId);
  return {
    findings: rows.length,
    written: insert.length,
    removed: deleteIds.length - (insert.length - fresh.length),
    looked,
  };
}

/**
 * Whose findings on older snapshots can go once this match is written:
 * after a whole-organisation match everyone's, after matching current
 * snapshots their services', after matching some vulnerabilities nobody's.
 */
function supersededServices(
  targets: readonly MatchTarget[],
  scope: MatchScope,
): readonly number[] | undefined | 'none' {
  if (!scope.snapshotIds) return scope.vulnerabilityIds ? 'none' : undefined;
  const current = targets.filter((t) => t.current).map((t) => t.serviceId);
  return current.length > 0 ? current : 'none';
}
