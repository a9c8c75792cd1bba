import { unzipSync } from 'fflate';
import { UpstreamError } from '../../core/errors.js';
import { DEFAULT_FEED_LIMITS, type FeedLimits } from '../sources/types.js';

/**
 * Checks a downloaded archive before it may replace the cached one: the
 * central directory must read, and the declared entry count and expanded
 * size must stay within the feed limits. Nothing is inflated here.
 * Throws UpstreamError ERR_ADVISORY_DOWNLOAD_CORRUPT; returns the entries.
 */
export function checkArchive(
  body: Uint8Array,
  source: string,
  limits: FeedLimits = {},
): number {
  const caps = { ...DEFAULT_FEED_LIMITS, ...limits };
  let entries = 0;
  let bytes = 0;
  try {
    unzipSync(body, {
      filter: (entry) => {
        entries += 1;
        bytes += entry.originalSize;
        return false;
      },
    });
  } catch (error) {
    throw corrupt(source, (error as Error).message, error);
  }
  if (entries === 0) throw corrupt(source, 'no entries');
  if (entries > caps.maxEntries || bytes > caps.maxTotalBytes)
    throw corrupt(source, `${entries} entries expanding to ${bytes} bytes`);
  return entries;
}

function corrupt(source: string, reason: string, cause?: unknown) {
  return new UpstreamError(
    'ERR_ADVISORY_DOWNLOAD_CORRUPT',
    `download of ${source} is not a usable zip archive (${reason}); the cached copy is kept; retry later`,
    { cause },
  );
}
