import type { AdvisoryRecord, AdvisoryWarning } from '../model.js';

/** Caps that keep a hostile or broken feed from exhausting memory. */
export interface FeedLimits {
  /** Largest single advisory file or archive entry, in bytes (default 16 MiB). */
  maxFileBytes?: number;
  /** Most entries an archive may hold (default 1,000,000). */
  maxEntries?: number;
  /** Most bytes an archive may expand to in total (default 4 GiB). */
  maxTotalBytes?: number;
}

/** What one read of a feed produced. */
export interface AdvisoryBatch {
  records: AdvisoryRecord[];
  warnings: AdvisoryWarning[];
  /** Files or archive entries looked at, advisories or not. */
  files: number;
}

/**
 * An advisory feed: turns a location (a folder, a file, an archive) into
 * advisory records. One folder per feed under `sources/`.
 */
export interface AdvisoryFeed {
  /** Stable id, e.g. `osv`. */
  id: string;
  /**
   * Reads every advisory at `location`. A record that cannot be read
   * becomes a warning; throws InputError only when the location as a whole
   * cannot be read (missing, too large, not an archive).
   */
  read(location: string, limits?: FeedLimits): Promise<AdvisoryBatch>;
}

export const DEFAULT_FEED_LIMITS: Required<FeedLimits> = {
  maxFileBytes: 16 * 1024 * 1024,
  maxEntries: 1_000_000,
  maxTotalBytes: 4 * 1024 * 1024 * 1024,
};
