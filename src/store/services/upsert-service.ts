import type { ServiceRecord } from '../../core/catalog.js';
import type { QmDatabase } from '../database.js';

export interface UpsertServiceOptions {
  service: ServiceRecord;
  scanId: number | null;
  /** ISO time the scan saw the service. */
  seenAt: string;
}

/** The descriptive columns of a service, as discovery found them. */
export function serviceColumns(service: ServiceRecord) {
  return {
    title: service.title ?? null,
    description: service.description ?? null,
    type: service.type ?? null,
    lifecycle: service.lifecycle ?? null,
    owner: service.owner,
    owner_source: service.ownerSource,
    system: service.system ?? null,
    tags: JSON.stringify(service.tags),
    annotations: JSON.stringify(service.annotations),
    depends_on: JSON.stringify(service.dependsOn),
    stack: JSON.stringify(service.stack),
    internet_facing: service.exposure.internetFacing ? 1 : 0,
    user_data: service.exposure.userData ? 1 : 0,
    payment_path: service.exposure.paymentPath ? 1 : 0,
    repository: service.repository,
    path: service.path,
    descriptor_file: service.descriptorFile ?? null,
  };
}

/**
 * Inserts or refreshes a service row (keyed by namespace and name), marks it
 * seen by this scan and no longer retired, and returns its id.
 */
export async function upsertService(
  db: QmDatabase,
  { service, scanId, seenAt }: UpsertServiceOptions,
): Promise<number> {
  const columns = serviceColumns(service);
  const row = await db
    .insertInto('services')
    .values({
      namespace: service.namespace,
      name: service.name,
      ...columns,
      last_scan_id: scanId,
      first_seen: seenAt,
      last_seen: seenAt,
      retired_at: null,
    })
    .onConflict((oc) =>
      oc.columns(['namespace', 'name']).doUpdateSet({
        ...columns,
        last_scan_id: scanId,
        last_seen: seenAt,
        retired_at: null,
      }),
    )
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
