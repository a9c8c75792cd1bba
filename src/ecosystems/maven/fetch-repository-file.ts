/** One file from one remote Maven repository, with retries on outages. */
import type { MavenRepositorySetting } from '../types.js';

export type FetchResult =
  { status: 'found'; text: string } | { status: 'missing' };

export interface FetchRepositoryFileOptions {
  /** Per request. */
  timeoutMs: number;
  /** Attempts on 5xx and timeouts. */
  attempts: number;
  /** First backoff delay, doubled per retry. */
  backoffMs: number;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * The file at `relative` in the repository: found, or missing (404, 410,
 * and also 401/403). Throws after the last attempt when the repository
 * keeps failing (5xx, timeout, refused connection).
 */
export async function fetchRepositoryFile(
  repository: MavenRepositorySetting,
  relative: string,
  options: FetchRepositoryFileOptions,
): Promise<FetchResult> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fetchOnce(repository, relative, options.timeoutMs);
    } catch (error) {
      if (attempt >= options.attempts) throw error;
      await sleep(options.backoffMs * 2 ** (attempt - 1));
    }
  }
}

async function fetchOnce(
  repository: MavenRepositorySetting,
  relative: string,
  timeoutMs: number,
): Promise<FetchResult> {
  const url = `${repository.url.replace(/\/+$/, '')}/${relative}`;
  const headers: Record<string, string> = {};
  if (repository.username !== undefined) {
    const token = Buffer.from(
      `${repository.username}:${repository.password ?? ''}`,
    );
    headers.authorization = `Basic ${token.toString('base64')}`;
  }
  const response = await fetch(url, {
    headers,
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (response.status === 404 || response.status === 410) {
    await response.body?.cancel();
    return { status: 'missing' };
  }
  if (!response.ok) {
    await response.body?.cancel();
    // 401/403 are answers, not outages: treat as absent from this repository.
    if (response.status < 500) return { status: 'missing' };
    throw new Error(`HTTP ${response.status} from ${repository.id}`);
  }
  return { status: 'found', text: await response.text() };
}
