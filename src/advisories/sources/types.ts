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

/**
 * What one read of a feed produced, or one batch of a streamed read: the
 * batches' records, warnings and files add up to the whole read.
 */
export interface AdvisoryBatch {
  records: AdvisoryRecord[];
  warnings: AdvisoryWarning[];
  /** Files or archive entries looked at, advisories or not. */
  files: number;
}

/** How a streamed read cuts its batches. */
export interface FeedStreamOptions {
  limits?: FeedLimits;
  /** Most records in one batch (default 2,000). */
  batchRecords?: number;
  /**
   * Most advisory text, in bytes, read into one batch (default 32 MiB); a
   * batch closes at whichever bound it meets first.
   */
  batchBytes?: number;
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
  /**
   * Reads the same records as `read`, in batches whose memory is bounded by
   * the options rather than by the size of the location. Throws (from the
   * iteration) what `read` throws. Checks of the location as a whole (it
   * exists, an archive's directory, entry count and sizes) run before the
   * first batch; archive data found corrupt part-way throws where it is met.
   */
  stream(
    location: string,
    options?: FeedStreamOptions,
  ): AsyncIterable<AdvisoryBatch>;
}

export const DEFAULT_FEED_LIMITS: Required<FeedLimits> = {
  maxFileBytes: 16 * 1024 * 1024,
  maxEntries: 1_000_000,
  maxTotalBytes: 4 * 1024 * 1024 * 1024,
};

export const DEFAULT_BATCH = { records: 2_000, bytes: 32 * 1024 * 1024 };
