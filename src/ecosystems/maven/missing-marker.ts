/**
 * On-disk markers for files no remote repository has, in the spirit of
 * Maven's `*.lastUpdated` files: `<cache>/<path>.missing` holds a digest of
 * the repositories that were asked. A marker younger than its maximum age,
 * written for the same repositories, answers "missing" without a request;
 * an older one, or one written for other repositories, is ignored and
 * replaced after the next answer.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { moduleLogger } from '../../core/log.js';
import type { MavenRepositorySetting } from '../types.js';

const log = moduleLogger('ecosystems.maven.repository');

/** Default time a "missing" answer is trusted: one hour. */
export const MISSING_MAX_AGE_MS = 60 * 60 * 1000;

/**
 * A digest of the repositories asked (URLs and user names, never
 * passwords), so that a new repository or mirror asks again.
 */
export function repositoriesDigest(
  repositories: readonly MavenRepositorySetting[],
): string {
  const parts = repositories.map((r) => [r.url, r.username ?? '']);
  return createHash('sha256')
    .update(JSON.stringify(parts))
    .digest('hex')
    .slice(0, 32);
}

function markerOf(cachePath: string): string {
  return `${cachePath}.missing`;
}

/**
 * When a marker for these repositories, younger than `maxAgeMs`, recorded
 * the file as missing (epoch ms); undefined when none applies.
 */
export async function missingSince(
  cachePath: string,
  digest: string,
  maxAgeMs: number,
): Promise<number | undefined> {
  const marker = markerOf(cachePath);
  try {
    const text = await readFile(marker, 'utf8');
    if (text.trim() !== digest) return undefined;
    const { mtimeMs } = await stat(marker);
    // A file time a little ahead of the clock is no negative age: with a
    // maximum age of 0 a marker is never fresh.
    const age = Math.max(0, Date.now() - mtimeMs);
    return age < maxAgeMs ? mtimeMs : undefined;
  } catch {
    return undefined;
  }
}

/** Records that every repository answered "missing"; failures only warn. */
export async function markMissing(
  cachePath: string,
  digest: string,
): Promise<void> {
  const marker = markerOf(cachePath);
  try {
    await mkdir(path.dirname(marker), { recursive: true });
    await writeFile(marker, `${digest}\n`);
  } catch (error) {
    log.warn(
      { err: error, marker },
      'missing marker not written; the file will be requested again',
    );
  }
}
