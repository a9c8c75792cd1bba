/**
 * Maven resolution time for a synthetic reactor from a warm cache.
 *
 * Lifecycle: one temp folder holds the reactor and the POM cache; the
 * shared Maven repository is served on loopback for the whole measurement.
 * The cold run fills the cache over HTTP; each warm run then builds a fresh
 * repository client (empty memo) that finds every POM in the cache. All is
 * removed at the end.
 */
import { createHash } from 'node:crypto';
import {
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { DiskRepositoryFiles } from '../catalog/repository-files.js';
import type { DependencyGraph } from '../core/model.js';
import { reactorGraph } from '../ecosystems/maven/graph.js';
import { resolveReactor } from '../ecosystems/maven/reactor.js';
import { MavenRepositoryClient } from '../ecosystems/maven/repository-client.js';
import { serveDirectory } from '../ecosystems/maven/serve-directory.js';
import { SHARED_DIR } from '../test-support/shared.js';
import { fmt, median, timed, type Timing } from './measure.js';
import {
  SYNTHETIC_GROUP,
  writeSyntheticReactor,
  type SyntheticReactor,
} from './synthetic-reactor.js';

export interface MeasureMavenReactorOptions {
  /** Modules of the reactor; default 200. */
  modules?: number;
  /** Modules per layer; default 20. */
  layerWidth?: number;
  /** Warm runs after the cold one; default 5. */
  runs?: number;
  /** Maven repository folder to serve; default ../shared/maven-repo. */
  repositoryDir?: string;
  /** Keep the temp folder (reactor and cache) instead of removing it. */
  keep?: boolean;
}

/** What one resolution produced, the same for every run. */
export interface ReactorGraphFigures {
  roots: number;
  packages: number;
  edges: number;
  /** Edges from a module to another module of the reactor. */
  moduleEdges: number;
  /** Warnings by code (mediations included); failures are modules. */
  warnings: Record<string, number>;
  failures: number;
  /** SHA-256 of the sorted package keys and edges. */
  digest: string;
}

export interface MavenReactorResult {
  modules: number;
  layers: number;
  reactorPoms: number;
  /** POM files the cold run fetched into the cache. */
  cachedPoms: number;
  cold: Timing & { requests: number };
  warm: Timing[];
  warmMedian: Timing;
  /**
   * HTTP requests of all warm runs together: 0, since every third-party
   * POM is in the cache and the reactor's own modules are never requested.
   */
  warmRequests: number;
  graph: ReactorGraphFigures;
  /** Read and parse every reactor and cached POM with fast-xml-parser. */
  floor: { files: number; bytes: number; cpuMs: number; wallMs: number };
  /** Median warm CPU over the floor's CPU. */
  ratio: number;
  /** Where the reactor was written; gone unless `keep` was set. */
  workDir: string;
}

function figuresOf(graph: DependencyGraph): ReactorGraphFigures {
  const warnings: Record<string, number> = {};
  for (const w of graph.warnings)
    warnings[w.code] = (warnings[w.code] ?? 0) + 1;
  const lines = [
    ...graph.packages.map((p) => `${p.key} ${p.scope}`),
    ...graph.edges.map((e) => `${e.from} > ${e.to} ${e.scope}`),
  ].sort();
  return {
    roots: graph.roots.length,
    packages: graph.packages.length,
    edges: graph.edges.length,
    moduleEdges: graph.edges.filter((e) => e.to.startsWith('maven-module:'))
      .length,
    warnings,
    failures: 0,
    digest: createHash('sha256').update(lines.join('\n')).digest('hex'),
  };
}

/** Resolves the reactor with a fresh client, as one scan would. */
async function resolveOnce(
  reactor: SyntheticReactor,
  client: MavenRepositoryClient,
): Promise<DependencyGraph & { failures: number }> {
  const resolved = await resolveReactor({
    rootFile: 'pom.xml',
    repository: new DiskRepositoryFiles({
      root: reactor.root,
      paths: reactor.files,
    }),
    client,
  });
  return { ...reactorGraph(resolved), failures: resolved.failures.length };
}

function pomFilesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.pom'))
    .map((f) => path.join(dir, f));
}

/** Bare read and parse of the same POMs: the cost no resolver avoids. */
function measureFloor(files: string[], runs: number) {
  const parser = new XMLParser();
  const cpu: number[] = [];
  const wall: number[] = [];
  const bytes = files.reduce((sum, f) => sum + statSync(f).size, 0);
  for (let i = 0; i <= runs; i++) {
    const start = process.cpuUsage();
    const began = performance.now();
    for (const file of files) parser.parse(readFileSync(file, 'utf8'));
    const used = process.cpuUsage(start);
    if (i === 0) continue; // warm-up
    wall.push(performance.now() - began);
    cpu.push((used.user + used.system) / 1000);
  }
  return {
    files: files.length,
    bytes,
    cpuMs: median(cpu),
    wallMs: median(wall),
  };
}

function sameGraph(a: ReactorGraphFigures, b: ReactorGraphFigures): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Lays out a synthetic reactor, resolves it once cold (filling the POM
 * cache from the shared repository over loopback HTTP) and `runs` times
 * warm, in process. Throws when a run resolves nothing, when runs
 * disagree, when any run requests a module of the reactor or when a warm
 * run still needs the network.
 */
export async function measureMavenReactor(
  options: MeasureMavenReactorOptions = {},
): Promise<MavenReactorResult> {
  const runs = options.runs ?? 5;
  const workDir = mkdtempSync(path.join(tmpdir(), 'qm-bench-maven-'));
  const reactor = writeSyntheticReactor({
    root: path.join(workDir, 'reactor'),
    modules: options.modules ?? 200,
    layerWidth: options.layerWidth,
  });
  const cacheDir = path.join(workDir, 'cache');
  const server = await serveDirectory(
    options.repositoryDir ?? path.join(SHARED_DIR, 'maven-repo'),
  );
  const newClient = () =>
    new MavenRepositoryClient({
      repositories: [{ id: 'bench', url: server.url }],
      cacheDir,
      offline: false,
    });
  try {
    const [coldGraph, cold] = await timed(() =>
      resolveOnce(reactor, newClient()),
    );
    const coldRequests = server.requests.length;
    const graph = { ...figuresOf(coldGraph), failures: coldGraph.failures };
    if (graph.packages === 0 || graph.roots !== reactor.modules.length + 1) {
      throw new Error(
        `the reactor resolved to ${graph.packages} packages and ${graph.roots} roots; expected packages and ${reactor.modules.length + 1} roots`,
      );
    }

    const warm: Timing[] = [];
    for (let i = 0; i < runs; i++) {
      const [result, timing] = await timed(() =>
        resolveOnce(reactor, newClient()),
      );
      const figures = { ...figuresOf(result), failures: result.failures };
      if (!sameGraph(figures, graph)) {
        throw new Error(
          `warm run ${i + 1} resolved a different graph (${figures.packages} packages, ${figures.edges} edges) from the cold run (${graph.packages}, ${graph.edges})`,
        );
      }
      warm.push(timing);
    }
    const moduleFolder = `/${SYNTHETIC_GROUP.replaceAll('.', '/')}/`;
    const leaked = server.requests.filter((p) => p.startsWith(moduleFolder));
    if (leaked.length > 0) {
      throw new Error(
        `the runs requested ${leaked.length} files of the reactor's own modules from the repository, such as ${leaked[0]}`,
      );
    }
    const warmPaths = server.requests.slice(coldRequests);
    if (warmPaths.length > 0) {
      throw new Error(
        `warm runs fetched ${warmPaths.length} files the cache should hold, such as ${warmPaths[0]}`,
      );
    }

    const cached = pomFilesUnder(cacheDir);
    const floor = measureFloor(
      [...reactor.files.map((f) => path.join(reactor.root, f)), ...cached],
      runs,
    );
    const warmMedian = {
      wallMs: median(warm.map((t) => t.wallMs)),
      cpuMs: median(warm.map((t) => t.cpuMs)),
    };
    return {
      modules: reactor.modules.length,
      layers: Math.max(...reactor.modules.map((m) => m.layer)) + 1,
      reactorPoms: reactor.files.length,
      cachedPoms: cached.length,
      cold: { ...cold, requests: coldRequests },
      warm,
      warmMedian,
      warmRequests: warmPaths.length,
      graph,
      floor,
      ratio: warmMedian.cpuMs / floor.cpuMs,
      workDir,
    };
  } finally {
    await server.close();
    if (!options.keep) rmSync(workDir, { recursive: true, force: true });
  }
}

function range(values: number[]): string {
  return `${fmt(Math.min(...values), 0)}–${fmt(Math.max(...values), 0)}`;
}

/** A short Markdown section: the figures and how they were taken. */
export function renderMavenReactorSection(r: MavenReactorResult): string {
  const g = r.graph;
  const mediated = g.warnings.MAVEN_VERSION_MEDIATED ?? 0;
  const other = Object.entries(g.warnings)
    .filter(([code]) => code !== 'MAVEN_VERSION_MEDIATED')
    .reduce((sum, [, n]) => sum + n, 0);
  const rows: Array<[string, string]> = [
    [
      'reactor',
      `${r.modules} modules in ${r.layers} layers + parent; ${r.cachedPoms} third-party POMs in the cache`,
    ],
    [
      'resolved graph (every run)',
      `${g.roots} roots, ${g.packages} packages, ${g.edges} edges (${g.moduleEdges} module → module); ${mediated} mediations, ${other} other warnings, ${g.failures} failed modules`,
    ],
    [
      'cold run (fills the cache)',
      `${fmt(r.cold.wallMs, 0)} ms wall, ${fmt(r.cold.cpuMs, 0)} ms CPU, ${r.cold.requests} HTTP requests`,
    ],
    [
      `warm runs (${r.warm.length}), median`,
      `**${fmt(r.warmMedian.wallMs, 0)} ms wall**, ${fmt(r.warmMedian.cpuMs, 0)} ms CPU (wall ${range(r.warm.map((t) => t.wallMs))} ms), ${r.warmRequests} HTTP requests`,
    ],
    [
      'floor: read + fast-xml-parser only',
      `${fmt(r.floor.cpuMs, 0)} ms CPU for ${r.floor.files} POMs (${fmt(r.floor.bytes / 1024, 0)} KiB)`,
    ],
    ['warm CPU / floor CPU', `${fmt(r.ratio)}×`],
  ];
  return [
    `## Maven resolution: ${r.modules}-module reactor from a warm cache`,
    '',
    '| measure | value |',
    '| --- | --- |',
    ...rows.map(([k, v]) => `| ${k} | ${v} |`),
    '',
    `Measured in process: a synthetic reactor (a parent with \`<modules>\`, \`dependencyManagement\` for every module and library, and jackson-bom, slf4j-bom and junit-bom imported; each module depends on two modules of the layer below and on real libraries) is resolved by Maven's rules into the scan's dependency graph, once cold against ../shared/maven-repo served over loopback HTTP by a server in the same process (so its CPU counts), then ${r.warm.length} times, each with a fresh repository client that reads every third-party POM from the on-disk cache, and every run produced the same graph; no run requests the reactor's own modules (the reactor answers for them), and the warm runs make no request at all.`,
    '',
  ].join('\n');
}
