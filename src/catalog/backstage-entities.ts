import type {
  ComponentSpec,
  GroupSpec,
  RawEntity,
  SystemSpec,
  UserSpec,
} from './backstage-schema.js';
import { DEFAULT_NAMESPACE, normalizeEntityRef } from './entity-ref.js';

/** What every entity read from a descriptor file carries. */
interface EntityBase {
  /** Normalised `kind:namespace/name`. */
  ref: string;
  namespace: string;
  name: string;
  title?: string;
  description?: string;
  tags: string[];
  annotations: Record<string, string>;
  /** Repository-relative path of the descriptor file it came from. */
  file: string;
}

export interface ComponentEntity extends EntityBase {
  kind: 'Component';
  type?: string;
  lifecycle?: string;
  /** Normalised owner ref (a bare name means a group). */
  owner?: string;
  /** Normalised system ref. */
  system?: string;
  dependsOn: string[];
}

export interface SystemEntity extends EntityBase {
  kind: 'System';
  owner?: string;
}

export interface GroupEntity extends EntityBase {
  kind: 'Group';
  type?: string;
  parent?: string;
  children: string[];
  members: string[];
}

export interface UserEntity extends EntityBase {
  kind: 'User';
  memberOf: string[];
}

export type CatalogEntity =
  ComponentEntity | SystemEntity | GroupEntity | UserEntity;

function base(raw: RawEntity, kind: string, file: string): EntityBase {
  const namespace = raw.metadata.namespace ?? DEFAULT_NAMESPACE;
  const { name, title, description, tags, annotations } = raw.metadata;
  return {
    ref: `${kind.toLowerCase()}:${namespace}/${name}`,
    namespace,
    name,
    title,
    description,
    tags,
    annotations,
    file,
  };
}

function refs(list: string[], kind: string, namespace: string): string[] {
  return list.flatMap((r) => normalizeEntityRef(r, kind, namespace) ?? []);
}

function ref(
  text: string | undefined,
  kind: string,
  namespace: string,
): string | undefined {
  return text ? normalizeEntityRef(text, kind, namespace) : undefined;
}

export function toComponent(
  raw: RawEntity,
  spec: ComponentSpec,
  file: string,
): ComponentEntity {
  const common = base(raw, 'Component', file);
  const ns = common.namespace;
  return {
    ...common,
    kind: 'Component',
    type: spec.type,
    lifecycle: spec.lifecycle,
    owner: ref(spec.owner, 'group', ns),
    system: ref(spec.system, 'system', ns),
    dependsOn: refs(spec.dependsOn, 'component', ns),
  };
}

export function toSystem(
  raw: RawEntity,
  spec: SystemSpec,
  file: string,
): SystemEntity {
  const common = base(raw, 'System', file);
  return {
    ...common,
    kind: 'System',
    owner: ref(spec.owner, 'group', common.namespace),
  };
}

export function toGroup(
  raw: RawEntity,
  spec: GroupSpec,
  file: string,
): GroupEntity {
  const common = base(raw, 'Group', file);
  const ns = common.namespace;
  return {
    ...common,
    kind: 'Group',
    type: spec.type,
    parent: ref(spec.parent, 'group', ns),
    children: refs(spec.children, 'group', ns),
    members: refs(spec.members, 'user', ns),
  };
}

export function toUser(
  raw: RawEntity,
  spec: UserSpec,
  file: string,
): UserEntity {
  const common = base(raw, 'User', file);
  return {
    ...common,
    kind: 'User',
    memberOf: refs(spec.memberOf, 'group', common.namespace),
  };
}
