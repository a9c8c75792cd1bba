import { stat } from 'node:fs/promises';
import path from 'node:path';
import { InputError } from '../../../core/errors.js';
import type { AdvisoryWarning } from '../../model.js';
import { collectBatches } from '../batch-builder.js';
import type {
  AdvisoryBatch,
  AdvisoryFeed,
  FeedLimits,
  FeedStreamOptions,
} from '../types.js';
import { readAdvisoryFile, streamOsvFolder } from './read-folder.js';
import { streamOsvZip } from './read-zip.js';

async function* streamOsvFile(
  file: string,
  options: FeedStreamOptions,
): AsyncGenerator<AdvisoryBatch> {
  const warnings: AdvisoryWarning[] = [];
  const source = path.basename(file);
  const read = await readAdvisoryFile(
    file,
    source,
    options.limits ?? {},
    warnings,
  );
  yield { records: read.records, warnings, files: 1 };
}

async function* streamOsv(
  location: string,
  options: FeedStreamOptions = {},
): AsyncGenerator<AdvisoryBatch> {
  const info = await stat(location).catch(() => undefined);
  if (!info)
    throw new InputError(
      'ERR_ADVISORY_SOURCE',
      `advisory source "${location}" does not exist; give a folder, an OSV file or a zip export`,
      { file: location },
    );
  if (info.isDirectory()) yield* streamOsvFolder(location, options);
  else if (/\.zip$/i.test(location)) yield* streamOsvZip(location, options);
  else yield* streamOsvFile(location, options);
}

/** OSV records from a folder (recursive), one file, or an osv.dev zip. */
export const osvFeed = {
  id: 'osv',
  read: (location: string, limits: FeedLimits = {}) =>
    collectBatches(streamOsv(location, { limits })),
  stream: streamOsv,
} satisfies AdvisoryFeed;
