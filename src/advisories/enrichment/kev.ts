import { readFile, stat } from 'node:fs/promises';
import { z } from 'zod';
import { InputError } from '../../core/errors.js';
import { moduleLogger } from '../../core/log.js';

const log = moduleLogger('advisories.kev');
const MAX_BYTES = 64 * 1024 * 1024;

/** One entry of CISA's Known Exploited Vulnerabilities catalogue. */
export interface KevEntry {
  cve: string;
  dateAdded?: string;
  dueDate?: string;
  /** `knownRansomwareCampaignUse` is `Known`. */
  ransomware: boolean;
}

/** The catalogue, by CVE id. */
export interface KevCatalog {
  version?: string;
  entries: Map<string, KevEntry>;
}

const KevFile = z.looseObject({
  catalogVersion: z.string().optional(),
  vulnerabilities: z.array(z.unknown()),
});

const KevItem = z.looseObject({
  cveID: z.string(),
  dateAdded: z.string().optional(),
  dueDate: z.string().optional(),
  knownRansomwareCampaignUse: z.string().optional(),
});

function unreadable(file: string, reason: string, cause?: unknown): InputError {
  return new InputError(
    'ERR_KEV_FORMAT',
    `not a KEV catalogue (${reason}); expected CISA's known_exploited_vulnerabilities.json`,
    { file, cause },
  );
}

/** Reads CISA's KEV JSON. Entries without a CVE id are skipped. */
export async function readKevCatalog(file: string): Promise<KevCatalog> {
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) throw unreadable(file, 'no such file');
  if (info.size > MAX_BYTES)
    throw unreadable(file, `${info.size} bytes, over ${MAX_BYTES}`);
  let data: unknown;
  try {
    data = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw unreadable(file, (error as Error).message, error);
  }
  const parsed = KevFile.safeParse(data);
  if (!parsed.success) throw unreadable(file, 'no vulnerabilities list');

  const entries = new Map<string, KevEntry>();
  let skipped = 0;
  for (const value of parsed.data.vulnerabilities) {
    const item = KevItem.safeParse(value);
    if (!item.success) {
      skipped += 1;
      continue;
    }
    const { cveID, dateAdded, dueDate, knownRansomwareCampaignUse } = item.data;
    entries.set(cveID.toUpperCase(), {
      cve: cveID.toUpperCase(),
      dateAdded,
      dueDate,
      ransomware: knownRansomwareCampaignUse === 'Known',
    });
  }
  if (skipped > 0)
    log.warn({ file, skipped }, 'KEV entries without a CVE id skipped');
  return { version: parsed.data.catalogVersion, entries };
}
