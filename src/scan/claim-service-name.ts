import { existsSync } from 'node:fs';
import path from 'node:path';
import type { ServiceRecord } from '../core/catalog.js';
import type { QmDatabase } from '../store/database.js';

export type NameClaim =
  | { ok: true; record: ServiceRecord }
  | { ok: false; code: 'ERR_SERVICE_NAME_CONFLICT'; message: string };

/** The live service holding this name in another repository, if any. */
async function holderElsewhere(
  db: QmDatabase,
  record: ServiceRecord,
  scanId: number,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('services')
    .select(['repository', 'path', 'retired_at', 'last_scan_id'])
    .where('namespace', '=', record.namespace)
    .where('name', '=', record.name)
    .executeTakeFirst();
  if (!row || row.retired_at !== null || row.repository === record.repository) {
    return undefined;
  }
  // A holder this scan saw, or whose folder still exists, is live; a moved
  // or deleted one gives its name up.
  const live =
    row.last_scan_id === scanId ||
    existsSync(path.join(row.repository, row.path));
  return live ? row.repository : undefined;
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * Makes sure a service's name is its own across the organisation. A
 * Backstage component whose name another repository already uses is a
 * conflict the catalog owner must resolve; a service named only after its
 * package (many repositories call theirs `app` or `root`) takes the
 * repository's folder name as a suffix instead.
 */
export async function claimServiceName(
  db: QmDatabase,
  record: ServiceRecord,
  scanId: number,
): Promise<NameClaim> {
  const holder = await holderElsewhere(db, record, scanId);
  if (!holder) return { ok: true, record };

  if (record.descriptorFile === undefined) {
    const renamed = {
      ...record,
      name: `${record.name}-${slug(path.basename(record.repository))}`,
    };
    if (!(await holderElsewhere(db, renamed, scanId)))
      return { ok: true, record: renamed };
  }
  return {
    ok: false,
    code: 'ERR_SERVICE_NAME_CONFLICT',
    message:
      `service ${record.namespace}/${record.name} is already defined by ${holder}; ` +
      'give one of them another metadata.name or a metadata.namespace',
  };
}
