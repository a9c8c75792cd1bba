import type { Exposure } from '../core/catalog.js';
import type { ServicesTable } from '../store/database.js';
import type { Selectable } from 'kysely';
import { ownerChain, type GroupIndex, type GroupLink } from './groups.js';

/** A service as every query lists it (part of the `--json` shape). */
export interface ServiceSummary {
  namespace: string;
  name: string;
  title: string | null;
  type: string | null;
  lifecycle: string | null;
  /** Owner entity ref as the catalog gave it, or `unowned`. */
  owner: string;
  /** The owner and its parent groups, nearest first (squad → tribe). */
  ownerChain: GroupLink[];
  exposure: Exposure;
  tags: string[];
  system: string | null;
  repository: string;
  path: string;
  /** ISO time the service was retired, or null while it is live. */
  retiredAt: string | null;
  lastSeen: string;
}

/** The `services` columns a summary is made of. */
export const SUMMARY_COLUMNS = [
  'namespace',
  'name',
  'title',
  'type',
  'lifecycle',
  'owner',
  'internet_facing',
  'user_data',
  'payment_path',
  'tags',
  'system',
  'repository',
  'path',
  'retired_at',
  'last_seen',
] as const;

export type ServiceSummaryRow = Pick<
  Selectable<ServicesTable>,
  (typeof SUMMARY_COLUMNS)[number]
>;

export function toServiceSummary(
  row: ServiceSummaryRow,
  groups: GroupIndex,
): ServiceSummary {
  return {
    namespace: row.namespace,
    name: row.name,
    title: row.title,
    type: row.type,
    lifecycle: row.lifecycle,
    owner: row.owner,
    ownerChain: ownerChain(groups, row.owner),
    exposure: {
      internetFacing: row.internet_facing === 1,
      userData: row.user_data === 1,
      paymentPath: row.payment_path === 1,
    },
    tags: JSON.parse(row.tags) as string[],
    system: row.system,
    repository: row.repository,
    path: row.path,
    retiredAt: row.retired_at,
    lastSeen: row.last_seen,
  };
}

/** Orders services by namespace, then name. */
export function compareServices(
  a: { namespace: string; name: string },
  b: { namespace: string; name: string },
): number {
  return a.namespace === b.namespace
    ? a.name < b.name
      ? -1
      : a.name > b.name
        ? 1
        : 0
    : a.namespace < b.namespace
      ? -1
      : 1;
}
