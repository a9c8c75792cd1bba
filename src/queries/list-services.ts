import { NotFoundError } from '../core/errors.js';
import type { EcosystemName } from '../core/model.js';
import type { QmDatabase } from '../store/database.js';
import { normalizeEntityRef } from '../store/entity-ref.js';
import { loadGroups, withDescendants } from './groups.js';
import {
  compareServices,
  toServiceSummary,
  type ServiceSummary,
} from './service-summary.js';

export type ExposureFilter = 'internet-facing' | 'user-data' | 'payment-path';

export interface ListServicesOptions {
  /**
   * Owner entity ref, exactly: `group:default/team-a`, or `team-a` for the
   * group or the user of that name. Throws NotFoundError
   * ERR_OWNER_NOT_FOUND when nothing in the store knows the owner.
   */
  owner?: string;
  /** A group and every group below it: a tribe lists its squads' services. */
  group?: string;
  tag?: string;
  exposure?: ExposureFilter;
  /** Services whose current snapshot holds packages of this ecosystem. */
  ecosystem?: EcosystemName;
  includeRetired?: boolean;
}

export interface ServiceListItem extends ServiceSummary {
  /** Package entries of the current snapshot; null before the first one. */
  packageCount: number | null;
  /** Distinct package versions of the current snapshot, as `deps` lists them. */
  packageVersions: number | null;
  /** When the current snapshot was taken; null before the first one. */
  snapshotTakenAt: string | null;
  /**
   * Files that failed for it in its last scan: when above zero, the
   * current snapshot is older than its repository (`scan` lists them).
   */
  lastScanProblems: number;
}

/** The `--json` shape of `quartermaster services`. */
export interface ListServicesResult {
  total: number;
  services: ServiceListItem[];
}

const EXPOSURE_COLUMN = {
  'internet-facing': 'internet_facing',
  'user-data': 'user_data',
  'payment-path': 'payment_path',
} as const;

/** The services of the catalog, filtered, ordered by namespace and name. */
export async function listServices(
  db: QmDatabase,
  options: ListServicesOptions = {},
): Promise<ListServicesResult> {
  let query = db
    .selectFrom('services as s')
    .leftJoin('snapshots as sn', 'sn.id', 's.current_snapshot_id')
    .selectAll('s')
    .select([
      'sn.package_count',
      'sn.package_versions',
      'sn.taken_at',
      'sn.ecosystems',
    ]);
  if (!options.includeRetired) query = query.where('s.retired_at', 'is', null);
  if (options.exposure) {
    query = query.where(`s.${EXPOSURE_COLUMN[options.exposure]}`, '=', 1);
  }
  const rows = await query.execute();
  const problems = await lastScanProblems(db);

  const groups = await loadGroups(db);
  const owners = ownerSet(options, groups);
  if (options.owner) await assertKnownOwner(db, options.owner, groups);
  if (options.group) await assertKnownGroup(db, options.group, groups);
  const services = rows
    .filter((row) => !owners || owners.has(normalizeEntityRef(row.owner)))
    .filter(
      (row) =>
        !options.ecosystem ||
        (JSON.parse(row.ecosystems ?? '[]') as string[]).includes(
          options.ecosystem,
        ),
    )
    .filter(
      (row) =>
        !options.tag ||
        (JSON.parse(row.tags) as string[]).includes(options.tag),
    )
    .map((row) => ({
      ...toServiceSummary(row, groups),
      packageCount: row.package_count,
      packageVersions: row.package_versions,
      snapshotTakenAt: row.taken_at,
      lastScanProblems: problems.get(`${row.namespace}/${row.name}`) ?? 0,
    }))
    .sort(compareServices);
  return { total: services.length, services };
}

/** Errors recorded for each service (`namespace/name`) by its last scan. */
async function lastScanProblems(db: QmDatabase): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('scan_errors as e')
    .innerJoin('services as s', (join) =>
      join
        .onRef('s.namespace', '=', 'e.service_namespace')
        .onRef('s.name', '=', 'e.service_name')
        .onRef('s.last_scan_id', '=', 'e.scan_id'),
    )
    .select(['s.namespace', 's.name'])
    .select((eb) => eb.fn.countAll<number>().as('problems'))
    .groupBy(['s.namespace', 's.name'])
    .execute();
  return new Map(
    rows.map((r) => [`${r.namespace}/${r.name}`, Number(r.problems)]),
  );
}

function ownerSet(
  options: ListServicesOptions,
  groups: Awaited<ReturnType<typeof loadGroups>>,
): Set<string> | undefined {
  if (!options.owner && !options.group) return undefined;
  const wanted = new Set<string>();
  if (options.group) {
    for (const ref of withDescendants(groups, options.group)) wanted.add(ref);
    // A service owned by a person belongs to the groups that person is in.
    for (const node of groups.values()) {
      if (node.memberOf.some((g) => wanted.has(g))) wanted.add(node.ref);
    }
  }
  if (options.owner) {
    const owners = ownerRefs(options.owner);
    if (options.group) return new Set(owners.filter((o) => wanted.has(o)));
    return new Set(owners);
  }
  return wanted;
}

/**
 * A mistyped group must not read as "has no services" (a green CI step):
 * it is refused unless the catalog has it or a service is owned by it.
 */
async function assertKnownGroup(
  db: QmDatabase,
  group: string,
  groups: Awaited<ReturnType<typeof loadGroups>>,
): Promise<void> {
  const ref = normalizeEntityRef(group);
  if (groups.has(ref)) return;
  if ((await storedOwners(db)).has(ref)) return;
  throw new NotFoundError(
    'ERR_GROUP_NOT_FOUND',
    `the catalog has no group "${group}" and no service is owned by it; ` +
      '`quartermaster owners` lists the groups and owners',
  );
}

/** Every owner a stored service (retired ones too) names, normalised. */
async function storedOwners(db: QmDatabase): Promise<Set<string>> {
  const rows = await db
    .selectFrom('services')
    .select('owner')
    .distinct()
    .execute();
  return new Set(rows.map((row) => normalizeEntityRef(row.owner)));
}

/** The refs an `--owner` names: without a kind, the group or the user. */
function ownerRefs(owner: string): string[] {
  if (owner.includes(':')) return [normalizeEntityRef(owner)];
  return [
    normalizeEntityRef(owner, 'group'),
    normalizeEntityRef(owner, 'user'),
  ];
}

/**
 * A mistyped owner must not read as "owns nothing": it is refused unless a
 * service in the store (retired ones too) or a catalog entity knows it.
 */
async function assertKnownOwner(
  db: QmDatabase,
  owner: string,
  groups: Awaited<ReturnType<typeof loadGroups>>,
): Promise<void> {
  const wanted = ownerRefs(owner);
  if (wanted.some((ref) => groups.has(ref))) return;
  const owners = await storedOwners(db);
  if (wanted.some((ref) => owners.has(ref))) return;
  throw new NotFoundError(
    'ERR_OWNER_NOT_FOUND',
    `no service is owned by "${owner}" and the catalog has no group or user of that name; ` +
      '`quartermaster owners` lists the owners (give a user as user:name)',
  );
}
