import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import {
  isDescriptorFile,
  readCatalogDescriptors,
} from '../catalog/backstage.js';
import { DiskRepositoryFiles } from '../catalog/repository-files.js';
import { readSbomAnnotations } from '../catalog/sbom-annotation.js';
import type { ExtractionSettings } from '../ecosystems/types.js';
import { EXTRACTION_REVISION } from './scan-repository.js';

/**
 * A cheap fingerprint of what a scan of the repository would read: every
 * listed file's path, size and modification time, and those of the SBOMs
 * components name (often in build output, which is not listed), with the
 * settings that shape extraction. Equal fingerprints let a re-scan skip the repository
 * without reading a single lockfile.
 */
export async function fingerprintRepository(options: {
  root: string;
  files: readonly string[];
  settings?: ExtractionSettings;
}): Promise<string> {
  const hash = createHash('sha256').update(EXTRACTION_REVISION);
  hash.update(JSON.stringify(options.settings ?? {}));
  const named = await namedSbomFiles(options.root, options.files);
  // The separator only when something is named: other fingerprints stay.
  const files = named.length ? [...options.files, '', ...named] : options.files;
  for (const file of files) {
    const info = file
      ? await stat(path.join(options.root, file)).catch(() => undefined)
      : undefined;
    hash.update(`\n${file}\t${info?.size ?? -1}\t${info?.mtimeMs ?? -1}`);
  }
  return hash.digest('hex');
}

// The annotation, or a Location that may lead to a descriptor holding it.
const MAY_NAME_SBOM = /quartermaster\.dev\/sbom|kind:\s*Location/;

/** Files named by `quartermaster.dev/sbom`, listed or not. */
async function namedSbomFiles(
  root: string,
  files: readonly string[],
): Promise<string[]> {
  const disk = new DiskRepositoryFiles({ root, paths: files });
  const texts = await Promise.all(
    files
      .filter(isDescriptorFile)
      .map((file) => disk.readText(file).catch(() => undefined)),
  );
  // Most repositories name no SBOM: no YAML is parsed for them.
  if (!texts.some((text) => text && MAY_NAME_SBOM.test(text))) return [];
  const { entities } = await readCatalogDescriptors(disk);
  return readSbomAnnotations(entities).flatMap((annotation) =>
    annotation.file ? [annotation.file] : [],
  );
}
