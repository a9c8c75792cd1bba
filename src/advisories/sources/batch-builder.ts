import { appendAll } from '../../core/arrays.js';
import type { AdvisoryRecord, AdvisoryWarning } from '../model.js';
import {
  DEFAULT_BATCH,
  type AdvisoryBatch,
  type FeedStreamOptions,
} from './types.js';

/**
 * Gathers a streamed read into batches. Lifecycle: a feed adds files,
 * records and warnings as it reads, yields `take()` whenever `full()`, and
 * yields `take()` once more at the end; each take starts a new batch.
 */
export class BatchBuilder {
  readonly warnings: AdvisoryWarning[] = [];
  private records: AdvisoryRecord[] = [];
  private files = 0;
  private bytes = 0;
  private readonly maxRecords: number;
  private readonly maxBytes: number;

  constructor(options: FeedStreamOptions = {}) {
    this.maxRecords = Math.max(
      1,
      options.batchRecords ?? DEFAULT_BATCH.records,
    );
    this.maxBytes = Math.max(1, options.batchBytes ?? DEFAULT_BATCH.bytes);
  }

  /** Counts files (or archive entries) looked at. */
  countFiles(files: number): void {
    this.files += files;
  }

  /** Adds the records read from `bytes` of advisory text. */
  add(records: readonly AdvisoryRecord[], bytes: number): void {
    appendAll(this.records, records);
    this.bytes += bytes;
  }

  full(): boolean {
    return (
      this.records.length >= this.maxRecords || this.bytes >= this.maxBytes
    );
  }

  /** True when nothing was gathered since the last take. */
  empty(): boolean {
    return (
      this.records.length === 0 &&
      this.warnings.length === 0 &&
      this.files === 0
    );
  }

  take(): AdvisoryBatch {
    const batch = {
      records: this.records,
      warnings: this.warnings.splice(0),
      files: this.files,
    };
    this.records = [];
    this.files = 0;
    this.bytes = 0;
    return batch;
  }
}

/** Reads a whole stream into one batch, as `AdvisoryFeed.read` returns. */
export async function collectBatches(
  batches: AsyncIterable<AdvisoryBatch>,
): Promise<AdvisoryBatch> {
  const all: AdvisoryBatch = { records: [], warnings: [], files: 0 };
  for await (const batch of batches) {
    appendAll(all.records, batch.records);
    appendAll(all.warnings, batch.warnings);
    all.files += batch.files;
  }
  return all;
}
