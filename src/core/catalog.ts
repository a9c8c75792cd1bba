/**
 * The service catalog's model: services, the groups and people that own
 * them, and where each came from. Plain data only.
 */

/** Exposure flags, read from our annotations or from tags (DESIGN.md). */
export interface Exposure {
  internetFacing: boolean;
  userData: boolean;
  paymentPath: boolean;
}

export interface TechStack {
  /** e.g. `['JavaScript', 'TypeScript', 'Java']` */
  languages: string[];
  /** e.g. `['npm', 'pnpm', 'maven']` */
  packageManagers: string[];
  /** Main frameworks recognised from the dependencies, e.g. `['react', 'spring-boot']`. */
  frameworks: string[];
}

/** Owner ref meaning nobody could be found: reported, never hidden. */
export const UNOWNED = 'unowned';

/** A service of the catalog, as discovery found it. */
export interface ServiceRecord {
  /** Backstage namespace; `default` unless the descriptor says otherwise. */
  namespace: string;
  /** Backstage `metadata.name`, or the package or folder name. */
  name: string;
  title?: string;
  description?: string;
  /** Backstage `spec.type` (service, website, library, ...). */
  type?: string;
  lifecycle?: string;
  /** Entity ref of the owner, e.g. `group:default/team-payments`, or `unowned`. */
  owner: string;
  /** How the owner was found. */
  ownerSource: 'catalog' | 'codeowners' | 'none';
  system?: string;
  tags: string[];
  annotations: Record<string, string>;
  dependsOn: string[];
  exposure: Exposure;
  stack: TechStack;
  /** Absolute path (or URL) of the repository the service lives in. */
  repository: string;
  /** Repository-relative folder of the service ('' for the root). */
  path: string;
  /** Repository-relative path of its catalog-info.yaml, when it has one. */
  descriptorFile?: string;
}

/** A Backstage Group (squad, tribe, ...) or User. */
export interface GroupRecord {
  namespace: string;
  name: string;
  kind: 'Group' | 'User';
  /** Backstage `spec.type`: team, squad, tribe, business-unit, ... */
  type?: string;
  title?: string;
  /** Entity ref of the parent group, if any. */
  parent?: string;
  /** Entity refs of the child groups. */
  children: string[];
  /** For groups: entity refs of members; for users: groups they belong to. */
  members: string[];
}
