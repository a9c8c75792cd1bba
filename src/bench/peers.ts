import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { median } from './measure.js';
import { runNodeTimed } from './timed-process.js';

/** One row of shared/perf/bench.sh's results.tsv. */
export interface PeerResult {
  peer: string;
  input: string;
  medianWallS: number;
  medianCpuS: number;
  rssMb: number;
  packages: number;
  rc: string;
}

/** Our CLI on the same input, timed like the peers (whole process). */
export interface OwnResult {
  input: string;
  medianWallS: number;
  medianCpuS: number;
  rssMb: number;
  packages: number;
}

/**
 * Runs the peer kit of shared/perf (it installs cdxgen, cyclonedx-npm and
 * Renovate into a temporary folder and times them with the network cut)
 * and returns its rows.
 */
export function runPeers(options: {
  sharedDir: string;
  work: string;
  runs: number;
  filter: string;
}): PeerResult[] {
  execFileSync(
    'bash',
    [
      path.join(options.sharedDir, 'perf', 'bench.sh'),
      String(options.runs),
      options.filter,
    ],
    {
      env: { ...process.env, WORK: options.work },
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  const lines = readFileSync(path.join(options.work, 'results.tsv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1);
  return lines.map((line) => {
    const c = line.split('\t');
    return {
      peer: c[0]!,
      input: c[1]!,
      medianWallS: Number(c[3]),
      rssMb: Number(c[6]),
      packages: Number(c[7]),
      rc: c[8]!,
      medianCpuS: Number(c[10]),
    };
  });
}

function countPackages(json: string): number {
  const inventory = JSON.parse(json) as {
    repositories: Array<{
      services: Array<{ packages: Array<{ purl: string }> }>;
    }>;
  };
  const purls = new Set<string>();
  for (const r of inventory.repositories)
    for (const s of r.services) for (const p of s.packages) purls.add(p.purl);
  return purls.size;
}

/** Times `quartermaster inventory --json` on every input folder, like bench.sh times a peer. */
export function runOwn(options: {
  projectDir: string;
  inputsDir: string;
  runs: number;
}): OwnResult[] {
  const cli = path.join(options.projectDir, 'bin', 'quartermaster.js');
  const inputs = readdirSync(options.inputsDir).filter(
    (d) => !d.endsWith('.md'),
  );
  return inputs.map((input) => {
    const dir = path.join(options.inputsDir, input);
    const samples: Array<{ wall: number; cpu: number; rss: number }> = [];
    let packages = 0;
    for (let i = 0; i <= options.runs; i++) {
      const run = runNodeTimed([cli, 'inventory', dir, '--json'], {
        ...process.env,
        QM_MAVEN_OFFLINE: 'true',
      });
      if (run.stdout) packages = countPackages(run.stdout);
      if (i > 0) {
        samples.push({ wall: run.wallS, cpu: run.cpuS, rss: run.rssMb });
      }
    }
    return {
      input,
      medianWallS: median(samples.map((s) => s.wall)),
      medianCpuS: median(samples.map((s) => s.cpu)),
      rssMb: median(samples.map((s) => s.rss)),
      packages,
    };
  });
}
