import { existsSync } from 'node:fs';
import path from 'node:path';
import type { ServiceRecord } from '../core/catalog.js';
import type { QmDatabase } from '../store/database.js';

export type NameClaim =
  | { ok: true; record: ServiceRecord }
  | { ok: false; code: 'ERR_SERVICE_NAME_CONFLICT'; message: string };

interface Holder {
  id: number;
  repository: string;
  /** Named by a Backstage descriptor, not only after its package. */
  described: boolean;
}

/** The live service holding this name in another repository, if any. */
async function holderElsewhere(
  db: QmDatabase,
  record: ServiceRecord,
  scanId: number,
): Promise<Holder | undefined> {
  const row = await db
    .selectFrom('services')
    .select([
      'id',
      'repository',
      'path',
      'retired_at',
      'last_scan_id',
      'descriptor_file',
    ])
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
  return live
    ? {
        id: row.id,
        repository: row.repository,
        described: row.descriptor_file !== null,
      }
    : undefined;
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** The name a service named only after its package takes when that is taken. */
export function suffixed(name: string, repository: string): string {
  return `${name}-${slug(path.basename(repository))}`;
}

/**
 * Makes sure a service's name is its own across the organisation. Names
 * from Backstage descriptors come first: a service named only after its
 * package (many repositories call theirs `app` or `cli`) gives the name up
 * and takes its repository's folder name as a suffix. Two descriptors with
 * one name are a conflict the catalog owners must resolve.
 */
export async function claimServiceName(
  db: QmDatabase,
  record: ServiceRecord,
  scanId: number,
): Promise<NameClaim> {
  const holder = await holderElsewhere(db, record, scanId);
  if (!holder) return { ok: true, record };

  const described = record.descriptorFile !== undefined;
  if (described && !holder.described) {
    await db
      .updateTable('services')
      .set({ name: suffixed(record.name, holder.repository) })
      .where('id', '=', holder.id)
      .execute();
    return { ok: true, record };
  }
  if (!described) {
    const renamed = {
      ...record,
      name: suffixed(record.name, record.repository),
    };
    if (!(await holderElsewhere(db, renamed, scanId)))
      return { ok: true, record: renamed };
  }
  return {
    ok: false,
    code: 'ERR_SERVICE_NAME_CONFLICT',
    message:
      `service ${record.namespace}/${record.name} of ${record.repository} is already ` +
      `defined by ${holder.repository}; give one of their catalog-info.yaml ` +
      'another metadata.name or a metadata.namespace',
  };
}
