import { ECOSYSTEMS, type EcosystemName } from '../../../core/model.js';
import { normalizePackageName } from '../../../core/purl.js';
import type {
  AdvisoryRecord,
  AdvisoryWarning,
  AffectedPackage,
  AffectedRange,
  RangeEvent,
  SeverityVector,
} from '../../model.js';
import { versioningFor } from '../../../versioning/index.js';
import { fastOsvAffected, fastOsvRange, fastOsvRecord } from './fast-shape.js';
import { OsvAffected, OsvRange, OsvRecord } from './schema.js';

const EVENT_KINDS = ['introduced', 'fixed', 'last_affected', 'limit'] as const;
// Whose SEMVER ranges use the ecosystem's own ordering (see matching/affected.ts).
const SEMVER_ECOSYSTEMS = new Set<EcosystemName>(['npm', 'crates.io', 'Go']);
const KNOWN = new Set<string>(ECOSYSTEMS);

/** The ecosystem OSV names, without a suffix such as `Debian:11`. */
function ecosystemOf(value: string): EcosystemName | undefined {
  const base = value.split(':')[0] ?? value;
  return KNOWN.has(base) ? (base as EcosystemName) : undefined;
}

// Events, severities and references are the most numerous parts of a
// record; plain checks keep them cheap where zod would copy each object.
function field(value: unknown, key: string): unknown {
  return value !== null && typeof value === 'object'
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

function readEvents(values: unknown[]): RangeEvent[] {
  const events: RangeEvent[] = [];
  for (const value of values) {
    for (const kind of EVENT_KINDS) {
      const version = field(value, kind);
      if (typeof version === 'string') events.push({ kind, version });
    }
  }
  return events;
}

/** Where an advisory's ranges are read: for warnings that name it. */
interface RangeContext {
  id: string;
  source: string;
  ecosystem: EcosystemName;
  name: string;
  warnings: AdvisoryWarning[];
}

/**
 * Ranges whose events the ecosystem's ordering can read. A version the
 * ecosystem's tooling would refuse is kept (real advisories hold `1.0` for
 * npm, `19.03.0` for Go) and compared leniently, with a warning; one with
 * no digit at all (`banana`) cannot be placed, so its range is skipped.
 */
function readRanges(values: unknown[], context: RangeContext): AffectedRange[] {
  const ranges: AffectedRange[] = [];
  for (const value of values) {
    const range = fastOsvRange(value) ?? OsvRange.safeParse(value).data;
    if (!range) continue;
    const events = readEvents(range.events);
    if (checkEvents(range.type, events, context))
      ranges.push({ type: range.type, events });
  }
  return ranges;
}

function checkEvents(
  type: string,
  events: readonly RangeEvent[],
  context: RangeContext,
): boolean {
  if (type === 'GIT') return true; // commits, not versions
  const ordering =
    type === 'SEMVER' && !SEMVER_ECOSYSTEMS.has(context.ecosystem)
      ? versioningFor('npm')
      : versioningFor(context.ecosystem);
  if (!ordering) return true;
  let usable = true;
  for (const event of events) {
    if (event.kind === 'introduced' && event.version === '0') continue;
    if (ordering.isValid(event.version)) continue;
    const placeable = /\d/.test(event.version);
    usable &&= placeable;
    context.warnings.push({
      source: context.source,
      code: 'ERR_OSV_VERSION_INVALID',
      message:
        `${context.id}: ${type} range of ${context.ecosystem} ${context.name} has ` +
        `${event.kind} "${event.version}", which ${ordering.ecosystem} does not accept as a version; ` +
        (placeable
          ? 'it is compared leniently'
          : 'the range is skipped, since it cannot be placed among versions'),
    });
  }
  return usable;
}

function readSeverities(values: unknown[]): SeverityVector[] {
  const out: SeverityVector[] = [];
  for (const value of values) {
    const type = field(value, 'type');
    const score = field(value, 'score');
    if (typeof type === 'string' && typeof score === 'string')
      out.push({ type, score });
  }
  return out;
}

function readReferences(values: unknown[]): AdvisoryRecord['references'] {
  const out: AdvisoryRecord['references'] = [];
  for (const value of values) {
    const type = field(value, 'type');
    const url = field(value, 'url');
    if (typeof type === 'string' && typeof url === 'string')
      out.push({ type, url });
  }
  return out;
}

function strings(values: unknown[]): string[] {
  return values.filter((v): v is string => typeof v === 'string');
}

function readAffected(
  id: string,
  values: unknown[],
  source: string,
  warnings: AdvisoryWarning[],
): AffectedPackage[] {
  const packages: AffectedPackage[] = [];
  for (const value of values) {
    const affected =
      fastOsvAffected(value) ?? OsvAffected.safeParse(value).data;
    if (!affected) {
      warnings.push({
        source,
        code: 'ERR_OSV_AFFECTED',
        message:
          'an affected entry has no package ecosystem and name; it is skipped',
      });
      continue;
    }
    const { package: pkg, ranges, versions, severity } = affected;
    // Ecosystems we do not inventory (Debian, Alpine, ...) are not an error.
    const ecosystem = ecosystemOf(pkg.ecosystem);
    if (!ecosystem) continue;
    const name = normalizePackageName(ecosystem, pkg.name);
    packages.push({
      ecosystem,
      name,
      purl: pkg.purl,
      ranges: readRanges(ranges, { id, source, ecosystem, name, warnings }),
      versions: strings(versions),
      severity: readSeverities(severity),
    });
  }
  return packages;
}

function databaseSeverity(record: OsvRecord): string | undefined {
  const value = record.database_specific?.severity;
  return typeof value === 'string' ? value : undefined;
}

/** The record as zod reads it, or undefined with zod's reason as warning. */
function checkedRecord(
  data: unknown,
  source: string,
  warnings: AdvisoryWarning[],
): OsvRecord | undefined {
  const parsed = OsvRecord.safeParse(data);
  if (parsed.success) return parsed.data;
  const path = parsed.error.issues[0]?.path.join('.') || 'record';
  warnings.push({
    source,
    code: 'ERR_OSV_RECORD',
    message: `not an OSV record (${path}: ${parsed.error.issues[0]?.message}); it is skipped`,
  });
  return undefined;
}

/**
 * Turns parsed OSV data into an advisory record, or undefined (with a
 * warning) when it lacks an id or a `modified` time.
 */
export function toAdvisoryRecord(
  data: unknown,
  source: string,
  warnings: AdvisoryWarning[],
): AdvisoryRecord | undefined {
  const record = fastOsvRecord(data) ?? checkedRecord(data, source, warnings);
  if (!record) return undefined;
  // A withdrawal is meant even when its date is garbled: kept, and said.
  if (record.withdrawn && Number.isNaN(Date.parse(record.withdrawn)))
    warnings.push({
      source,
      code: 'ERR_OSV_DATE_INVALID',
      message: `${record.id}: withdrawn "${record.withdrawn}" is not an RFC 3339 time; the record is still taken as withdrawn`,
    });
  return {
    id: record.id,
    aliases: strings(record.aliases),
    modified: record.modified,
    published: record.published ?? undefined,
    withdrawn: record.withdrawn ?? undefined,
    summary: record.summary ?? undefined,
    details: record.details ?? undefined,
    severity: readSeverities(record.severity),
    databaseSeverity: databaseSeverity(record),
    affected: readAffected(record.id, record.affected, source, warnings),
    references: readReferences(record.references),
    source,
  };
}
