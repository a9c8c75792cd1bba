import { cpus, tmpdir, totalmem } from 'node:os';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { CORPUS_DIR, PROJECT_DIR, SHARED_DIR } from '../test-support/shared.js';
import { benchMatching, usedPackageNames } from './matching-bench.js';
import { measureMavenReactor } from './maven-reactor.js';
import { benchOrganisation } from './org-bench.js';
import { runOrgFloor } from './org-floor.js';
import { compareParse, type ParseComparison } from './parse-floor.js';
import { runOwn, runPeers } from './peers.js';
import { renderReport, type BenchResults } from './report.js';
import { writeSyntheticOsvZip } from './synthetic-advisories.js';
import { buildSyntheticOrg } from './synthetic-org.js';

const ADMIN_URL =
  process.env.QM_BENCH_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432/test';

const LOCKFILE_NAMES = [
  'package-lock.json',
  'yarn.lock',
  'pnpm-lock.yaml',
  'go.mod',
  'uv.lock',
  'pom.xml',
  'Cargo.lock',
  'Gemfile.lock',
  'composer.lock',
  'poetry.lock',
];

// Real files of the formats the perf inputs lack, from the corpus.
const CORPUS_FILES: Array<[string, string]> = [
  ['ripgrep', 'Cargo.lock'],
  ['rails', 'Gemfile.lock'],
  ['symfony-demo', 'composer.lock'],
  ['bitwarden-server', 'src/Api/packages.lock.json'],
  ['poetry', 'poetry.lock'],
  ['pipenv', 'Pipfile.lock'],
  ['sbom-cdx-juice-shop', 'bom.json'],
  ['webpack', 'yarn.lock'],
  ['npm-cli-v6', 'package-lock.json'],
  ['trpc', 'pnpm-lock.yaml'],
];

async function parseComparisons(): Promise<ParseComparison[]> {
  const inputsDir = path.join(SHARED_DIR, 'perf', 'inputs');
  const out: ParseComparison[] = [];
  for (const input of readdirSync(inputsDir).filter((d) =>
    statSync(path.join(inputsDir, d)).isDirectory(),
  )) {
    const dir = path.join(inputsDir, input);
    for (const file of readdirSync(dir).filter((f) =>
      LOCKFILE_NAMES.includes(f),
    )) {
      const result = await compareParse({
        input: `perf/${input}`,
        dir,
        file,
      }).catch((error: Error) => {
        console.error(`parse ${input}/${file}: ${error.message}`);
        return undefined;
      });
      if (result) out.push(result);
    }
  }
  for (const [project, file] of CORPUS_FILES) {
    const result = await compareParse({
      input: `corpus/${project}`,
      dir: path.join(CORPUS_DIR, project),
      file,
    }).catch((error: Error) => {
      console.error(`parse ${project}/${file}: ${error.message}`);
      return undefined;
    });
    if (result) out.push(result);
  }
  return out;
}

async function freshPostgres(): Promise<string> {
  const name = `qm_bench_${Date.now()}`;
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  await client.query(`create database ${name}`);
  await client.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      services: { type: 'string', default: '2000' },
      'skip-peers': { type: 'boolean', default: false },
      'skip-postgres': { type: 'boolean', default: false },
      'peer-runs': { type: 'string', default: '3' },
      out: {
        type: 'string',
        default: path.join(PROJECT_DIR, 'docs', 'benchmark.md'),
      },
      'parse-only': { type: 'boolean', default: false },
      'skip-matching': { type: 'boolean', default: false },
      'skip-maven': { type: 'boolean', default: false },
      'skip-org-floor': { type: 'boolean', default: false },
      advisories: { type: 'string', default: '200000' },
      'used-share': { type: 'string', default: '0.007' },
      'maven-modules': { type: 'string', default: '200' },
    },
  });
  const results: BenchResults = {
    startedAt: new Date().toISOString(),
    machine: `${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
    parse: [],
    organisations: [],
    matching: [],
    peers: [],
    own: [],
    notes: [],
  };
  const work = mkdtempSync(path.join(tmpdir(), 'qm-bench-'));

  console.log('parsing against the floor ...');
  results.parse = await parseComparisons();

  if (values['parse-only']) {
    writeFileSync(values.out!, renderReport(results));
    console.log(`parse comparisons written to ${values.out}`);
    return;
  }
  const count = Number(values.services);
  console.log(`building a synthetic organisation of ${count} services ...`);
  const org = buildSyntheticOrg({
    corpusDir: CORPUS_DIR,
    root: path.join(work, 'org'),
    count,
  });
  const targets: Array<[string, string]> = [
    ['sqlite', path.join(work, 'bench.db')],
  ];
  if (!values['skip-postgres'])
    targets.push(['postgres', await freshPostgres()]);
  let synthetic: { zip: string; bytes: number } | undefined;
  for (const [dialect, db] of targets) {
    console.log(`scanning on ${dialect} ...`);
    results.organisations.push(
      await benchOrganisation({ projectDir: PROJECT_DIR, org, db, dialect }),
    );
    if (values['skip-matching']) continue;
    if (!synthetic) {
      const zip = path.join(work, 'synthetic-all.zip');
      console.log(
        `writing ${values.advisories} synthetic advisories varied from shared/advisories ...`,
      );
      const written = await writeSyntheticOsvZip({
        advisoriesDir: path.join(SHARED_DIR, 'advisories'),
        out: zip,
        count: Number(values.advisories),
        packageNames: await usedPackageNames(db),
        usedShare: Number(values['used-share']),
      });
      synthetic = { zip, bytes: written.bytes };
      results.notes.push(
        `The synthetic advisory set: ${written.records} OSV records (${written.used} naming a package the organisation uses, ${written.aliased} sharing an earlier record's CVE, ${written.withdrawn} withdrawn), ${(written.bytes / 1e6).toFixed(0)} MB zipped, made by varying the real records of shared/advisories. The share naming used packages (--used-share, ${values['used-share']}) follows shared/perf/org-floor.mjs, whose 520,000 records put about 1,400 on names the organisation uses (1,200 range records, popularity-weighted, and one malware record in 2,000).`,
      );
    }
    console.log(`matching on ${dialect} ...`);
    const matchingWork = path.join(work, `matching-${dialect}`);
    mkdirSync(matchingWork, { recursive: true });
    try {
      results.matching.push(
        benchMatching({
          projectDir: PROJECT_DIR,
          db,
          dialect,
          advisoriesDir: path.join(SHARED_DIR, 'advisories'),
          syntheticZip: synthetic.zip,
          syntheticZipBytes: synthetic.bytes,
          work: matchingWork,
        }),
      );
    } catch (error) {
      // One failed section must not lose the figures of the others.
      const message = (error as Error).message;
      console.error(message);
      results.notes.push(
        `The matching benchmark on ${dialect} failed in this run: ${message.split('\n')[0]!.slice(0, 300)}`,
      );
    }
    writeFileSync(
      path.join(work, 'results.json'),
      JSON.stringify(results, null, 2),
    );
  }

  if (!values['skip-org-floor']) {
    console.log(`measuring the in-memory floor at ${count} services ...`);
    try {
      results.orgFloor = runOrgFloor({
        sharedDir: SHARED_DIR,
        services: count,
      });
    } catch (error) {
      console.error(`org floor: ${(error as Error).message}`);
      results.notes.push(
        `The in-memory floor (shared/perf/org-floor.sh) failed in this run: ${(error as Error).message.split('\n')[0]}`,
      );
    }
  }

  if (!values['skip-maven']) {
    console.log(
      `resolving a ${values['maven-modules']}-module Maven reactor ...`,
    );
    results.maven = await measureMavenReactor({
      modules: Number(values['maven-modules']),
    });
  }

  if (!values['skip-peers']) {
    console.log('running the peers (shared/perf/bench.sh) ...');
    const peersWork = path.join(work, 'peers');
    mkdirSync(peersWork, { recursive: true });
    results.peers = runPeers({
      sharedDir: SHARED_DIR,
      work: peersWork,
      runs: Number(values['peer-runs']),
      filter: 'floor|cdxgen|cyclonedx-npm|npm-ls',
    });
    results.own = runOwn({
      projectDir: PROJECT_DIR,
      inputsDir: path.join(SHARED_DIR, 'perf', 'inputs'),
      runs: Number(values['peer-runs']),
    });
  } else {
    results.notes.push('Peers were skipped in this run (--skip-peers).');
  }
  results.notes.push(
    `The synthetic organisation samples the npm, yarn and pnpm lockfiles of shared/corpus (${count} services, five tribes of six squads).`,
  );
  results.notes.push(
    'Re-scan of one changed service is measured in process (no Node start-up); the whole-organisation scans run the CLI as a child process under /usr/bin/time, which gives their peak RSS.',
  );

  writeFileSync(values.out!, renderReport(results));
  writeFileSync(
    path.join(work, 'results.json'),
    JSON.stringify(results, null, 2),
  );
  console.log(
    `report written to ${values.out}; raw figures in ${path.join(work, 'results.json')}`,
  );
  rmSync(path.join(work, 'org'), { recursive: true, force: true });
}

await main();
