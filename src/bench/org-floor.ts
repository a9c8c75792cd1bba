import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fmt } from './measure.js';

/**
 * What plain in-memory JavaScript needs for the organisation-wide questions,
 * from shared/perf/org-floor.sh: the floor our stored, persistent answers are
 * compared with (never expected to beat).
 */
export interface OrgFloorFigures {
  services: number;
  uniquePackages: number;
  whoUses: { p50Ms: number; p95Ms: number };
  vulnMatch: {
    advisories: number;
    buildIndexMs: number;
    matchMs: number;
    expandToServicesMs: number;
    servicePackageFindings: number;
  };
  sqlite?: {
    whoUsesListP95Ms: number;
    whoUsesFirst50WithPathsP95Ms: number;
  };
  peakRssMb: number;
  wallS: number;
}

interface FloorJson {
  services: number;
  uniquePackages: number;
  whoUses: { p50ms: number; p95ms: number };
  vulnMatch: {
    advisories: number;
    buildAdvIndexMs: number;
    matchMs: number;
    expandToServicesMs: number;
    servicePackageFindings: number;
  };
  sqlite?: {
    whoUsesListServices: { p95ms: number };
    whoUsesFirst50WithPaths: { p95ms: number };
  };
}

/** Runs the floor script (it installs its own parsers into PEERS_DIR if missing). */
export function runOrgFloor(options: {
  sharedDir: string;
  services: number;
}): OrgFloorFigures {
  const script = path.join(options.sharedDir, 'perf', 'org-floor.sh');
  const run = spawnSync('bash', [script, String(options.services), '300'], {
    encoding: 'utf8',
    env: { ...process.env, ORG_SQLITE: '1' },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0) {
    throw new Error(
      `${script} exited with ${run.status}: ${run.stderr.slice(-2000)}`,
    );
  }
  const json = JSON.parse(run.stdout) as FloorJson;
  const time =
    /org-floor: wall ([\d.]+) s, cpu [\d.+]+ s, peak RSS (\d+) KB/.exec(
      run.stderr,
    );
  return {
    services: json.services,
    uniquePackages: json.uniquePackages,
    whoUses: { p50Ms: json.whoUses.p50ms, p95Ms: json.whoUses.p95ms },
    vulnMatch: {
      advisories: json.vulnMatch.advisories,
      buildIndexMs: json.vulnMatch.buildAdvIndexMs,
      matchMs: json.vulnMatch.matchMs,
      expandToServicesMs: json.vulnMatch.expandToServicesMs,
      servicePackageFindings: json.vulnMatch.servicePackageFindings,
    },
    sqlite: json.sqlite && {
      whoUsesListP95Ms: json.sqlite.whoUsesListServices.p95ms,
      whoUsesFirst50WithPathsP95Ms: json.sqlite.whoUsesFirst50WithPaths.p95ms,
    },
    peakRssMb: time ? Number(time[2]) / 1024 : Number.NaN,
    wallS: time ? Number(time[1]) : Number.NaN,
  };
}

export function renderOrgFloorSection(floor: OrgFloorFigures): string[] {
  const match = floor.vulnMatch;
  return [
    '## The in-memory floor of the same work (shared/perf/org-floor.sh)',
    '',
    `Plain JavaScript over the real graphs of shared/perf/inputs copied to ${floor.services} services (${floor.uniquePackages} distinct packages), everything in memory, nothing stored: the least any implementation could spend. Its advisory set is its own (${match.advisories} records, mostly malware-style exact versions), so the match rows compare the kind of work, not the same records.`,
    '',
    '| work | floor |',
    '| --- | ---: |',
    `| who-uses, one name, p50 / p95 ms | ${fmt(floor.whoUses.p50Ms, 2)} / ${fmt(floor.whoUses.p95Ms, 2)} |`,
    ...(floor.sqlite
      ? [
          `| who-uses through a bare SQLite schema, list p95 ms | ${fmt(floor.sqlite.whoUsesListP95Ms, 2)} |`,
          `| who-uses through a bare SQLite schema, first 50 with paths p95 ms | ${fmt(floor.sqlite.whoUsesFirst50WithPathsP95Ms, 2)} |`,
        ]
      : []),
    `| whole-organisation match: index the advisories ms | ${fmt(match.buildIndexMs, 0)} |`,
    `| whole-organisation match: check every distinct package ms | ${fmt(match.matchMs, 0)} |`,
    `| whole-organisation match: expand to services ms (${match.servicePackageFindings} service findings) | ${fmt(match.expandToServicesMs, 0)} |`,
    `| process peak RSS MB | ${fmt(floor.peakRssMb, 0)} |`,
    '',
  ];
}
