import { spawn, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_DIR } from '../test-support/shared.js';

// These tests run the built command line (npm test builds it first), as a
// user would, against a real SQLite file.
const CLI = path.join(PROJECT_DIR, 'bin', 'quartermaster.js');
const EXAMPLE = path.join(PROJECT_DIR, 'examples', 'acme');

function run(args: string[]): {
  status: number | null;
  stdout: string;
  stderr: string;
} {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    env: { ...process.env, CI: 'true' },
  });
  return {
    status: result.status,
    stdout: result.stdout,
    stderr: result.stderr,
  };
}

function snapshotCount(file: string): number {
  if (!existsSync(file)) return 0;
  try {
    const sqlite = new BetterSqlite3(file, {
      readonly: true,
      fileMustExist: true,
    });
    try {
      return (
        sqlite.prepare('select count(*) as n from snapshots').get() as {
          n: number;
        }
      ).n;
    } finally {
      sqlite.close();
    }
  } catch {
    return 0; // not migrated yet
  }
}

describe('the quartermaster command line', () => {
  let dir: string;
  let db: string;

  beforeAll(() => {
    if (!existsSync(path.join(PROJECT_DIR, 'dist', 'cli', 'main.js'))) {
      throw new Error(
        'dist/ is missing: run `npm run build` (npm test does it)',
      );
    }
    dir = mkdtempSync(path.join(tmpdir(), 'qm-cli-'));
    db = path.join(dir, 'org.db');
    cpSync(EXAMPLE, path.join(dir, 'acme'), { recursive: true });
    return () => rmSync(dir, { recursive: true, force: true });
  });

  it('scans the example organisation and answers who-uses with paths, as the README says', () => {
    const scanned = run(['--db', db, 'scan', path.join(dir, 'acme'), '--json']);
    expect(scanned.status).toBe(0);
    expect(JSON.parse(scanned.stdout).services.written).toBe(6);

    const answer = run(['--db', db, 'who-uses', 'qs', '--paths', '--json']);

    expect(answer.status).toBe(0);
    const result = JSON.parse(answer.stdout) as {
      services: Array<{
        name: string;
        owner: string;
        matches: Array<{ path: Array<{ name: string }> }>;
      }>;
    };
    const profile = result.services.find((s) => s.name === 'user-profile');
    expect(profile?.owner).toBe('group:default/squad-identity');
    expect(profile?.matches[0]!.path[0]!.name).toBe('user-profile');
    expect(profile?.matches[0]!.path.at(-1)!.name).toBe('qs');

    // A Maven name without its groupId finds nothing, and says why.
    const artifactOnly = run(['--db', db, 'who-uses', 'maven:log4j-core']);
    expect(artifactOnly.stdout).toContain(
      'a Maven package is named groupId:artifactId',
    );
  });

  it('exits 2 with a message naming the problem for bad usage', () => {
    const missing = run(['--db', db, 'scan', path.join(dir, 'nowhere')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('ERR_PATH_NOT_FOUND');

    const unknown = run(['--db', db, 'deps', 'no-such-service']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('ERR_SERVICE_NOT_FOUND');

    const typo = run([
      '--db',
      path.join(dir, 'no-such-dir', 'x.db'),
      'who-uses',
      'lodash',
    ]);
    expect(typo.status).toBe(2);
    expect(typo.stderr).toContain('ERR_STORE_NOT_FOUND');
    expect(existsSync(path.join(dir, 'no-such-dir'))).toBe(false);

    const badLimit = run(['--db', db, 'who-uses', 'lodash', '--limit', 'abc']);
    expect(badLimit.status).toBe(2);
    expect(badLimit.stderr).toContain('ERR_OPTION_INVALID');

    const typoFolder = path.join(dir, 'no-such-folder', 'qm.db');
    const scanTypo = run(['--db', typoFolder, 'scan', EXAMPLE]);
    expect(scanTypo.status).toBe(2);
    expect(scanTypo.stderr).toContain('ERR_STORE_NOT_FOUND');
    expect(existsSync(path.dirname(typoFolder))).toBe(false);

    const emptyPage = run(['--db', db, 'who-uses', 'lodash', '--limit', '0']);
    expect(emptyPage.status).toBe(2);
    expect(emptyPage.stderr).toContain('--limit 0 lists nothing');
  });

  it.each([
    [
      'a URL of another database',
      () => 'mysql://db.internal/qm',
      2,
      'ERR_STORE_URL',
    ],
    [
      'a file that is no database',
      () => {
        const notes = path.join(dir, 'notes.txt');
        writeFileSync(notes, 'not a database');
        return notes;
      },
      2,
      'ERR_STORE_UNREADABLE',
    ],
    ['a folder', () => dir, 2, 'ERR_STORE_UNREADABLE'],
    // Port 9 (discard) has no PostgreSQL on this machine.
    [
      'a PostgreSQL server that does not answer',
      () => 'postgres://postgres@127.0.0.1:9/test',
      2,
      'ERR_STORE_UNREACHABLE',
    ],
  ])('refuses --db naming %s with its own code', (_, target, status, code) => {
    const result = run(['--db', target(), 'scan', EXAMPLE]);

    expect(result.status).toBe(status);
    expect(result.stderr).toContain(code);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('leaves a consistent store when a scan is killed halfway', async () => {
    const org = path.join(dir, 'big');
    for (let i = 0; i < 30; i++) {
      cpSync(path.join(EXAMPLE, 'checkout-api'), path.join(org, `svc-${i}`), {
        recursive: true,
      });
      rmSync(path.join(org, `svc-${i}`, 'catalog-info.yaml'));
    }
    const killedDb = path.join(dir, 'killed.db');
    const child = spawn(
      process.execPath,
      [CLI, '--db', killedDb, 'scan', org],
      { stdio: 'ignore' },
    );
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_code, signal) => resolve(signal)),
    );
    // Kill it as soon as a few services are stored, in the middle of the scan.
    while (child.exitCode === null && snapshotCount(killedDb) < 3) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    const sqlite = new BetterSqlite3(killedDb);
    expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    // Every current snapshot is complete: its stored count equals its rows.
    const broken = sqlite
      .prepare(
        `select s.name from services s join snapshots n on n.id = s.current_snapshot_id
         where n.package_count != (select count(*) from snapshot_packages p where p.snapshot_id = n.id)`,
      )
      .all();
    sqlite.close();
    expect(broken).toEqual([]);

    const resumed = run(['--db', killedDb, 'scan', org, '--json']);
    expect(resumed.status).toBe(0);
    expect(JSON.parse(resumed.stdout).services.scanned).toBe(30);
  });
});
