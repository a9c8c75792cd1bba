import type { MatchingFigures } from './matching-bench.js';
import {
  renderMavenReactorSection,
  type MavenReactorResult,
} from './maven-reactor.js';
import { fmt } from './measure.js';
import type { OrgFigures } from './org-bench.js';
import { renderOrgFloorSection, type OrgFloorFigures } from './org-floor.js';
import type { ParseComparison } from './parse-floor.js';
import type { OwnResult, PeerResult } from './peers.js';

export interface BenchResults {
  startedAt: string;
  machine: string;
  parse: ParseComparison[];
  organisations: OrgFigures[];
  matching: MatchingFigures[];
  maven?: MavenReactorResult;
  orgFloor?: OrgFloorFigures;
  peers: PeerResult[];
  own: OwnResult[];
  notes: string[];
}

/** A target and whether this run met it. */
interface Verdict {
  target: string;
  met: boolean;
  measured: string;
}

function verdicts(r: BenchResults): Verdict[] {
  const out: Verdict[] = [];
  for (const p of r.parse) {
    out.push({
      target: `parse ${p.input}/${p.file} within 3× the floor`,
      met: p.ratio <= 3,
      measured: `${fmt(p.ratio)}×`,
    });
  }
  for (const own of r.own) {
    const cdxgen = r.peers.find(
      (p) => p.peer === 'cdxgen' && p.input === own.input,
    );
    if (!cdxgen) continue;
    const ratio = cdxgen.medianCpuS / own.medianCpuS;
    out.push({
      target: `${own.input}: at least 5× less CPU than cdxgen`,
      met: ratio >= 5,
      measured: `${fmt(ratio)}× less`,
    });
  }
  for (const o of r.organisations) {
    out.push({
      target: `${o.dialect}: ${o.services}-service scan under 1 GB RSS`,
      met: o.peakRssMb < 1024,
      measured: `${fmt(o.peakRssMb, 0)} MB`,
    });
    out.push({
      target: `${o.dialect}: who-uses list p95 under 20 ms`,
      met: o.whoUsesList.p95 < 20,
      measured: `${fmt(o.whoUsesList.p95)} ms`,
    });
    out.push({
      target: `${o.dialect}: who-uses first page with paths p95 under 100 ms`,
      met: o.whoUsesPaths.p95 < 100,
      measured: `${fmt(o.whoUsesPaths.p95)} ms`,
    });
    out.push({
      target: `${o.dialect}: re-scan of one changed service under 0.5 s`,
      met: o.oneChangedServiceMs < 500,
      measured: `${fmt(o.oneChangedServiceMs, 0)} ms`,
    });
  }
  for (const m of r.matching) {
    // A re-match finds the findings of the last one stored; the first
    // match of an organisation writes every finding, so both are shown.
    out.push({
      target: `${m.dialect}: whole-organisation re-match with ${m.storedAdvisories} advisories loaded under 5 s`,
      met: m.syntheticMatch.again.wallS < 5,
      measured: `${fmt(m.syntheticMatch.again.wallS, 2)} s`,
    });
    out.push({
      target: `${m.dialect}: the same from no stored findings (writes all ${m.syntheticMatch.fromEmpty.findings}) under 5 s`,
      met: m.syntheticMatch.fromEmpty.wallS < 5,
      measured: `${fmt(m.syntheticMatch.fromEmpty.wallS, 2)} s`,
    });
    out.push({
      target: `${m.dialect}: import of ${m.syntheticImport.records} advisories with the match under 60 s`,
      met: m.syntheticImport.wallS < 60,
      measured: `${fmt(m.syntheticImport.wallS)} s`,
    });
    out.push({
      target: `${m.dialect}: a new advisory's blast radius (import, match, query) under 100 ms, slowest of ${m.blastRadius.samples}`,
      met: m.blastRadius.maxMs < 100,
      measured: `${fmt(m.blastRadius.maxMs, 0)} ms`,
    });
    out.push({
      target: `${m.dialect}: the same for packages about 1% of services use (${m.blastRadiusTypical.medianServices} services), slowest of ${m.blastRadiusTypical.samples}`,
      met: m.blastRadiusTypical.maxMs < 100,
      measured: `${fmt(m.blastRadiusTypical.maxMs, 0)} ms`,
    });
    out.push({
      target: `${m.dialect}: re-match of one re-scanned service under 50 ms (p95 of ${m.oneService.samples})`,
      met: m.oneService.p95Ms < 50,
      measured: `${fmt(m.oneService.p95Ms, 0)} ms`,
    });
    out.push({
      target: `${m.dialect}: matching process memory under 1 GB in steady state`,
      met: m.steadyRssMb < 1024,
      measured: `${fmt(m.steadyRssMb, 0)} MB (peak ${fmt(m.peakRssMb, 0)} MB)`,
    });
  }
  return out;
}

function matchingSection(r: BenchResults): string[] {
  if (r.matching.length === 0) return [];
  return [
    '## Vulnerability matching',
    '',
    'On the store the organisation scan above filled. First the real advisories of shared/advisories are imported and the whole organisation matched from no findings, then again (nothing changed, nothing written). Then the synthetic set is imported the way `advisories import` does it (batched writes, then one whole-organisation match because most records changed), all findings are dropped and the organisation matched from empty again, and once more unchanged. A new advisory is ten records, each naming one of the ten packages most services use, every version affected (the worst case), then ten naming packages about 1% of services use (the common case): the time is `importAdvisories` of its file (with its incremental match) plus `blastRadius`. One re-scanned service is its current snapshot with its findings dropped, matched alone.',
    '',
    '| database | services | real records: import s | match from empty / unchanged s | findings | synthetic records: import with match s | advisories stored | match from empty / unchanged s | findings | new advisory, most used packages: p50 / max ms (services reached) | new advisory, packages 1% use: p50 / max ms (services reached) | one service p50 / p95 / max ms | steady RSS MB | peak RSS MB |',
    '| --- | ---: | ---: | --- | ---: | ---: | ---: | --- | ---: | --- | --- | --- | ---: | ---: |',
    ...r.matching.map(
      (m) =>
        `| ${m.dialect} | ${m.services} | ${m.realImport.records}: ${fmt(m.realImport.wallS, 2)} | ${fmt(m.realMatch.fromEmpty.wallS, 2)} / ${fmt(m.realMatch.again.wallS, 2)} | ${m.realMatch.fromEmpty.findings} | ${m.syntheticImport.records}: ${fmt(m.syntheticImport.wallS)} | ${m.storedAdvisories} | ${fmt(m.syntheticMatch.fromEmpty.wallS, 2)} / ${fmt(m.syntheticMatch.again.wallS, 2)} | ${m.syntheticMatch.fromEmpty.findings} | ${fmt(m.blastRadius.p50Ms, 0)} / ${fmt(m.blastRadius.maxMs, 0)} (${m.blastRadius.medianServices}) | ${fmt(m.blastRadiusTypical.p50Ms, 0)} / ${fmt(m.blastRadiusTypical.maxMs, 0)} (${m.blastRadiusTypical.medianServices}) | ${fmt(m.oneService.p50Ms, 0)} / ${fmt(m.oneService.p95Ms, 0)} / ${fmt(m.oneService.maxMs, 0)} | ${fmt(m.steadyRssMb, 0)} | ${fmt(m.peakRssMb, 0)} |`,
    ),
    '',
  ];
}

/** The Markdown report docs/benchmark.md: figures first, then every target with its verdict. */
export function renderReport(r: BenchResults): string {
  const lines: string[] = [
    '# Benchmark',
    '',
    `Measured by \`npm run bench\` on ${r.startedAt} (${r.machine}).`,
    'Ratios compare CPU time measured in the same run; wall times on this shared 2-core machine are noisy.',
    '',
    '## Targets',
    '',
    '| target | measured | met |',
    '| --- | --- | --- |',
    ...verdicts(r).map(
      (v) =>
        `| ${v.target} | ${v.measured} | ${v.met ? 'yes' : '**missed**'} |`,
    ),
    '',
    '## Parsing against the bare-parse floor (in process, CPU per parse, median of 5 batches of at least 100 ms)',
    '',
    '| input | file | bytes | floor parser | floor CPU ms | ours CPU ms | ratio | packages |',
    '| --- | --- | ---: | --- | ---: | ---: | ---: | ---: |',
    ...r.parse.map(
      (p) =>
        `| ${p.input} | ${p.file} | ${p.bytes} | ${p.floorParser} | ${fmt(p.floorCpuMs)} | ${fmt(p.oursCpuMs)} | ${fmt(p.ratio)} | ${p.packages} |`,
    ),
    '',
    '## Whole process against the peers (shared/perf inputs, median of the runs, CPU seconds)',
    '',
    '| input | tool | CPU s | wall s | peak RSS MB | packages |',
    '| --- | --- | ---: | ---: | ---: | ---: |',
    ...r.own.map(
      (o) =>
        `| ${o.input} | **quartermaster inventory** | ${fmt(o.medianCpuS, 2)} | ${fmt(o.medianWallS, 2)} | ${fmt(o.rssMb, 0)} | ${o.packages} |`,
    ),
    ...r.peers.map(
      (p) =>
        `| ${p.input} | ${p.peer}${p.rc !== '0' ? ` (rc ${p.rc})` : ''} | ${fmt(p.medianCpuS, 2)} | ${fmt(p.medianWallS, 2)} | ${fmt(p.rssMb, 0)} | ${p.packages} |`,
    ),
    '',
    '## Organisation scale',
    '',
    '| database | services | packages stored | scan wall s | scan CPU s | services/s | packages/s | peak RSS MB | database MB | unchanged re-scan s | one changed service ms | who-uses p50/p95/p99 ms | with paths p50/p95/p99 ms |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |',
    ...r.organisations.map(
      (o) =>
        `| ${o.dialect} | ${o.services} | ${o.packagesStored} | ${fmt(o.scanWallS)} | ${fmt(o.scanCpuS)} | ${fmt(o.servicesPerS)} | ${fmt(o.packagesPerS, 0)} | ${fmt(o.peakRssMb, 0)} | ${fmt(o.databaseMb)} | ${fmt(o.unchangedRescanWallS)} | ${fmt(o.oneChangedServiceMs, 0)} | ${fmt(o.whoUsesList.p50)}/${fmt(o.whoUsesList.p95)}/${fmt(o.whoUsesList.p99)} | ${fmt(o.whoUsesPaths.p50)}/${fmt(o.whoUsesPaths.p95)}/${fmt(o.whoUsesPaths.p99)} |`,
    ),
    '',
    ...matchingSection(r),
    ...(r.orgFloor ? renderOrgFloorSection(r.orgFloor) : []),
    ...(r.maven ? [renderMavenReactorSection(r.maven), ''] : []),
    '## Notes',
    '',
    ...r.notes.map((n) => `- ${n}`),
    '',
  ];
  return lines.join('\n');
}
