import { UpstreamError } from '../../core/errors.js';
import { moduleLogger } from '../../core/log.js';

const log = moduleLogger('advisories.sync');

/** How hard to try one download. */
export interface DownloadPolicy {
  /** Attempts in all, the first included (default 4). */
  attempts?: number;
  /** First wait between attempts; doubled each time (default 1000 ms). */
  baseDelayMs?: number;
  /** Per attempt, headers and body together (default 300 s). */
  timeoutMs?: number;
  /** Largest body accepted (default 2 GiB). */
  maxBytes?: number;
}

/** Validators kept from the last good download. */
export interface Validators {
  etag?: string;
  lastModified?: string;
}

export type DownloadResult =
  | { status: 'not-modified' }
  | { status: 'downloaded'; body: Buffer; validators: Validators };

const DEFAULTS: Required<DownloadPolicy> = {
  attempts: 4,
  baseDelayMs: 1000,
  timeoutMs: 300_000,
  maxBytes: 2 * 1024 * 1024 * 1024,
};

/** A failure worth another attempt: 5xx, 429, timeouts, dropped sockets. */
class RetryableError extends Error {}

async function readCapped(response: Response, maxBytes: number) {
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) throw tooLarge(declared, maxBytes);
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body ?? []) {
    size += chunk.byteLength;
    if (size > maxBytes) throw tooLarge(size, maxBytes);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function tooLarge(size: number, maxBytes: number): UpstreamError {
  return new UpstreamError(
    'ERR_ADVISORY_DOWNLOAD_TOO_LARGE',
    `download is at least ${size} bytes, over the limit of ${maxBytes}; check the base URL or raise the limit`,
  );
}

async function attempt(
  url: string,
  validators: Validators,
  policy: Required<DownloadPolicy>,
): Promise<DownloadResult> {
  const headers: Record<string, string> = {};
  if (validators.etag) headers['if-none-match'] = validators.etag;
  if (validators.lastModified)
    headers['if-modified-since'] = validators.lastModified;
  let response: Response;
  try {
    response = await fetch(url, {
      headers,
      signal: AbortSignal.timeout(policy.timeoutMs),
    });
  } catch (error) {
    throw new RetryableError((error as Error).message, { cause: error });
  }
  if (response.status === 304) return { status: 'not-modified' };
  if (response.status >= 500 || response.status === 429) {
    await response.body?.cancel();
    throw new RetryableError(`HTTP ${response.status}`);
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new UpstreamError(
      'ERR_ADVISORY_DOWNLOAD',
      `${url} answered HTTP ${response.status}; expected 200 or 304; check the base URL and the ecosystem name`,
    );
  }
  const body = await readCapped(response, policy.maxBytes).catch((error) => {
    if (error instanceof UpstreamError) throw error;
    throw new RetryableError((error as Error).message, { cause: error });
  });
  return {
    status: 'downloaded',
    body,
    validators: {
      etag: response.headers.get('etag') ?? undefined,
      lastModified: response.headers.get('last-modified') ?? undefined,
    },
  };
}

/**
 * Downloads `url` conditionally (If-None-Match, If-Modified-Since), trying
 * again with doubling waits on 5xx, 429, timeouts and network errors.
 * Throws UpstreamError ERR_ADVISORY_DOWNLOAD when every attempt failed or
 * the server refused (4xx), ERR_ADVISORY_DOWNLOAD_TOO_LARGE past the cap.
 */
export async function downloadConditionally(
  url: string,
  validators: Validators = {},
  policy: DownloadPolicy = {},
): Promise<DownloadResult> {
  const settings = { ...DEFAULTS, ...policy };
  let last: unknown;
  for (let n = 0; n < settings.attempts; n++) {
    if (n > 0) {
      const wait = settings.baseDelayMs * 2 ** (n - 1);
      log.warn({ url, attempt: n + 1, wait }, 'download failed; retrying');
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
    try {
      return await attempt(url, validators, settings);
    } catch (error) {
      if (!(error instanceof RetryableError)) throw error;
      last = error;
    }
  }
  throw new UpstreamError(
    'ERR_ADVISORY_DOWNLOAD',
    `${url} failed ${settings.attempts} times (last: ${(last as Error).message}); retry later or use --offline with the cache`,
    { cause: last },
  );
}
