import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A child process measured by GNU time: wall and CPU seconds, peak RSS. */
export interface TimedRun {
  stdout: string;
  stderr: string;
  status: number | null;
  wallS: number;
  cpuS: number;
  rssMb: number;
}

/** Runs `node args...` under /usr/bin/time (apt package `time`). */
export function runNodeTimed(
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): TimedRun {
  const dir = mkdtempSync(path.join(tmpdir(), 'qm-time-'));
  const timeFile = path.join(dir, 'time');
  try {
    const run = spawnSync(
      '/usr/bin/time',
      ['-f', '%e %M %U %S', '-o', timeFile, process.execPath, ...args],
      {
        encoding: 'utf8',
        maxBuffer: 1 << 30,
        env,
      },
    );
    if (run.error) throw run.error;
    const last = readFileSync(timeFile, 'utf8').trim().split('\n').pop() ?? '';
    const [wall, rss, user, sys] = last.split(' ').map(Number);
    return {
      stdout: run.stdout,
      stderr: run.stderr,
      status: run.status,
      wallS: wall!,
      cpuS: user! + sys!,
      rssMb: rss! / 1024,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
