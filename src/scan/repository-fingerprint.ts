import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { ExtractionSettings } from '../ecosystems/types.js';
import { EXTRACTION_REVISION } from './scan-repository.js';

/**
 * A cheap fingerprint of what a scan of the repository would read: every
 * listed file's path, size and modification time, with the settings that
 * shape extraction. Equal fingerprints let a re-scan skip the repository
 * without reading a single lockfile.
 */
export async function fingerprintRepository(options: {
  root: string;
  files: readonly string[];
  settings?: ExtractionSettings;
}): Promise<string> {
  const hash = createHash('sha256').update(EXTRACTION_REVISION);
  hash.update(JSON.stringify(options.settings ?? {}));
  for (const file of options.files) {
    const info = await stat(path.join(options.root, file)).catch(
      () => undefined,
    );
    hash.update(`\n${file}\t${info?.size ?? -1}\t${info?.mtimeMs ?? -1}`);
  }
  return hash.digest('hex');
}
