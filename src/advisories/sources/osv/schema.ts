import { z } from 'zod';

/**
 * The OSV schema (1.x) as far as Quartermaster reads it. Lenient by
 * design: unknown fields pass, optional lists may be null or missing, and
 * affected entries and events are checked one by one so that one bad entry
 * costs only itself.
 */

const text = z.string();
const list = <T extends z.ZodType>(item: T) =>
  z
    .array(item)
    .nullish()
    .transform((value) => value ?? []);

export const OsvSeverity = z.looseObject({ type: text, score: text });
export type OsvSeverity = z.infer<typeof OsvSeverity>;

export const OsvEvent = z.looseObject({
  introduced: text.optional(),
  fixed: text.optional(),
  last_affected: text.optional(),
  limit: text.optional(),
});
export type OsvEvent = z.infer<typeof OsvEvent>;

export const OsvRange = z.looseObject({
  type: text,
  repo: text.optional(),
  events: z.array(z.unknown()),
});
export type OsvRange = z.infer<typeof OsvRange>;

export const OsvAffected = z.looseObject({
  package: z.looseObject({
    ecosystem: text,
    name: text,
    purl: text.optional(),
  }),
  severity: list(z.unknown()),
  ranges: list(z.unknown()),
  versions: list(z.unknown()),
});
export type OsvAffected = z.infer<typeof OsvAffected>;

export const OsvRecord = z.looseObject({
  id: text.min(1),
  modified: text,
  published: text.nullish(),
  withdrawn: text.nullish(),
  aliases: list(z.unknown()),
  summary: text.nullish(),
  details: text.nullish(),
  severity: list(z.unknown()),
  affected: list(z.unknown()),
  references: list(z.unknown()),
  database_specific: z.record(z.string(), z.unknown()).nullish(),
});
export type OsvRecord = z.infer<typeof OsvRecord>;

export const OsvReference = z.looseObject({ type: text, url: text });
