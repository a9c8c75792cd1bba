import { stat } from 'node:fs/promises';
import path from 'node:path';
import { InputError } from '../../../core/errors.js';
import type { AdvisoryWarning } from '../../model.js';
import type { AdvisoryBatch, AdvisoryFeed, FeedLimits } from '../types.js';
import { readAdvisoryFile, readOsvFolder } from './read-folder.js';
import { readOsvZip } from './read-zip.js';

async function readOsv(
  location: string,
  limits: FeedLimits = {},
): Promise<AdvisoryBatch> {
  const info = await stat(location).catch(() => undefined);
  if (!info)
    throw new InputError(
      'ERR_ADVISORY_SOURCE',
      `advisory source "${location}" does not exist; give a folder, an OSV file or a zip export`,
      { file: location },
    );
  if (info.isDirectory()) return readOsvFolder(location, limits);
  if (/\.zip$/i.test(location)) return readOsvZip(location, limits);

  const warnings: AdvisoryWarning[] = [];
  const source = path.basename(location);
  const records = await readAdvisoryFile(location, source, limits, warnings);
  return { records, warnings, files: 1 };
}

/** OSV records from a folder (recursive), one file, or an osv.dev zip. */
export const osvFeed = {
  id: 'osv',
  read: readOsv,
} satisfies AdvisoryFeed;
