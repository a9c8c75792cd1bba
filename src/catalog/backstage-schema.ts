import { z } from 'zod';

/**
 * The parts of Backstage's entity format Quartermaster reads, validated with
 * zod. Unknown fields pass through untouched (links, profile, ...).
 */

// Backstage's own rule for metadata.name and namespace.
const NAME = /^[a-zA-Z0-9]+(?:[-_.][a-zA-Z0-9]+)*$/;

const Name = z.string().max(63).regex(NAME, 'letters, digits and -_. only');

// Annotations should be strings; `true` written unquoted is forgiven.
const AnnotationValue = z
  .union([z.string(), z.number(), z.boolean()])
  .transform(String);

const StringList = z.array(z.string()).default([]);

export const EntityMetadata = z.object({
  name: Name,
  namespace: Name.optional(),
  title: z.string().optional(),
  description: z.string().optional(),
  tags: z
    .array(z.union([z.string(), z.number()]).transform(String))
    .default([]),
  annotations: z.record(z.string(), AnnotationValue).default({}),
});
export type EntityMetadata = z.infer<typeof EntityMetadata>;

export const ComponentSpec = z.object({
  type: z.string().optional(),
  lifecycle: z.string().optional(),
  owner: z.string().optional(),
  system: z.string().optional(),
  dependsOn: StringList,
});
export type ComponentSpec = z.infer<typeof ComponentSpec>;

export const SystemSpec = z.object({
  owner: z.string().optional(),
  domain: z.string().optional(),
});
export type SystemSpec = z.infer<typeof SystemSpec>;

export const GroupSpec = z.object({
  type: z.string().optional(),
  parent: z.string().optional(),
  children: StringList,
  members: StringList,
});
export type GroupSpec = z.infer<typeof GroupSpec>;

export const UserSpec = z.object({ memberOf: StringList });
export type UserSpec = z.infer<typeof UserSpec>;

export const LocationSpec = z.object({
  type: z.string().optional(),
  target: z.string().optional(),
  targets: StringList,
});
export type LocationSpec = z.infer<typeof LocationSpec>;

/** Any entity: kind and metadata checked here, spec by kind afterwards. */
export const RawEntity = z.object({
  apiVersion: z.string().optional(),
  kind: z.string(),
  metadata: EntityMetadata,
  spec: z.record(z.string(), z.unknown()).default({}),
});
export type RawEntity = z.infer<typeof RawEntity>;

/** The spec schema of each kind Quartermaster reads; others are ignored. */
export const SPEC_BY_KIND = {
  Component: ComponentSpec,
  System: SystemSpec,
  Group: GroupSpec,
  User: UserSpec,
  Location: LocationSpec,
} as const;
export type KnownKind = keyof typeof SPEC_BY_KIND;

/** Formats zod issues as `path: message; ...` for a warning. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || '(entity)'}: ${i.message}`)
    .join('; ');
}
