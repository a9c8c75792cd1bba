import type { OsvAffected, OsvRange, OsvRecord } from './schema.js';

/*
 * Plain-check twins of the zod schemas for the shapes nearly every record
 * has: when they accept a value, zod would accept it with the same data,
 * so callers use zod only for what these refuse (and for its messages).
 * An import of a full export parses several hundred thousand records.
 */

type Loose = Record<string, unknown>;

function isObject(value: unknown): value is Loose {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isText(value: unknown): value is string | null | undefined {
  return value === undefined || value === null || typeof value === 'string';
}

function isList(value: unknown): value is unknown[] | null | undefined {
  return value === undefined || value === null || Array.isArray(value);
}

const list = (value: unknown[] | null | undefined): unknown[] => value ?? [];

/** The record as OsvRecord parses it, or undefined to ask zod. */
export function fastOsvRecord(data: unknown): OsvRecord | undefined {
  if (!isObject(data)) return undefined;
  const { id, modified, published, withdrawn, summary, details } = data;
  const { aliases, severity, affected, references } = data;
  const specific = data.database_specific;
  if (typeof id !== 'string' || id.length === 0) return undefined;
  if (typeof modified !== 'string') return undefined;
  if (![published, withdrawn, summary, details].every(isText)) return undefined;
  if (![aliases, severity, affected, references].every(isList))
    return undefined;
  if (specific !== undefined && specific !== null && !isObject(specific))
    return undefined;
  return {
    id,
    modified,
    published: published as string | null | undefined,
    withdrawn: withdrawn as string | null | undefined,
    summary: summary as string | null | undefined,
    details: details as string | null | undefined,
    aliases: list(aliases as unknown[] | null | undefined),
    severity: list(severity as unknown[] | null | undefined),
    affected: list(affected as unknown[] | null | undefined),
    references: list(references as unknown[] | null | undefined),
    database_specific: specific as Loose | null | undefined,
  };
}

/** The affected entry as OsvAffected parses it, or undefined to ask zod. */
export function fastOsvAffected(data: unknown): OsvAffected | undefined {
  if (!isObject(data) || !isObject(data.package)) return undefined;
  const { ecosystem, name, purl } = data.package;
  const { severity, ranges, versions } = data;
  if (typeof ecosystem !== 'string' || typeof name !== 'string')
    return undefined;
  if (purl !== undefined && typeof purl !== 'string') return undefined;
  if (![severity, ranges, versions].every(isList)) return undefined;
  return {
    package: { ecosystem, name, purl },
    severity: list(severity as unknown[] | null | undefined),
    ranges: list(ranges as unknown[] | null | undefined),
    versions: list(versions as unknown[] | null | undefined),
  };
}

/** The range as OsvRange parses it, or undefined to ask zod. */
export function fastOsvRange(data: unknown): OsvRange | undefined {
  if (!isObject(data)) return undefined;
  const { type, repo, events } = data;
  if (typeof type !== 'string' || !Array.isArray(events)) return undefined;
  if (repo !== undefined && typeof repo !== 'string') return undefined;
  return { type, repo, events };
}
