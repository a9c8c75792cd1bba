import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { EPSS_FILE_NAME } from './epss.js';

const KEV_FILE_NAME = 'known_exploited_vulnerabilities.json';

/** KEV and EPSS files found beside imported advisories. */
export interface FoundEnrichment {
  /** CISA's catalog, `known_exploited_vulnerabilities.json`. */
  kev?: string;
  /** The first folder (in name order) holding EPSS CSV files. */
  epss?: string;
}

/**
 * Folders this deep below an imported path are searched: enough for a
 * mirror's `enrichment/cisa-kev/`, without walking every folder of a large
 * advisory checkout a second time.
 */
const MAX_DEPTH = 3;

function isEpssFile(name: string): boolean {
  return /epss/i.test(name) && EPSS_FILE_NAME.test(name);
}

async function entriesOf(dir: string): Promise<Dirent[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  return entries.sort((a, b) => (a.name < b.name ? -1 : 1));
}

/**
 * Looks below each imported folder for CISA's KEV catalog (by the name CISA
 * publishes it under) and FIRST's EPSS CSVs (a `.csv` or `.csv.gz` whose
 * name says EPSS), so importing a mirror of all three ranks findings with
 * them. A file path is taken as KEV only by that name. Hidden folders and
 * symbolic links are not followed; the first of each kind found wins.
 */
export async function findEnrichmentFiles(
  paths: readonly string[],
): Promise<FoundEnrichment> {
  const found: FoundEnrichment = {};
  const visit = async (dir: string, depth: number): Promise<void> => {
    const entries = await entriesOf(dir);
    for (const entry of entries) {
      if (!entry.isFile()) continue;
      if (!found.kev && entry.name === KEV_FILE_NAME)
        found.kev = path.join(dir, entry.name);
      if (!found.epss && isEpssFile(entry.name)) found.epss = dir;
    }
    if (depth >= MAX_DEPTH || (found.kev && found.epss)) return;
    for (const entry of entries) {
      if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
      if (entry.name === 'node_modules') continue;
      await visit(path.join(dir, entry.name), depth + 1);
      if (found.kev && found.epss) return;
    }
  };
  for (const location of paths) {
    const info = await stat(location).catch(() => undefined);
    if (info?.isDirectory()) await visit(location, 0);
    else if (info?.isFile() && path.basename(location) === KEV_FILE_NAME)
      found.kev ??= location;
  }
  return found;
}
