import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseYaml } from '../../../core/yaml.js';
import { SHARED_DIR, listFiles } from '../../../test-support/shared.js';
import { fastOsvAffected, fastOsvRange, fastOsvRecord } from './fast-shape.js';
import { OsvAffected, OsvRange, OsvRecord } from './schema.js';

const ADVISORIES = path.join(SHARED_DIR, 'advisories');
const RECORD_KEYS = [
  'id',
  'modified',
  'published',
  'withdrawn',
  'summary',
  'details',
  'aliases',
  'severity',
  'affected',
  'references',
  'database_specific',
] as const;

function pick(value: Record<string, unknown>, keys: readonly string[]) {
  return Object.fromEntries(keys.map((k) => [k, value[k]]));
}

const shared = [
  'github-advisory-database',
  'golang-vulndb',
  'pypa-advisory-database',
  'rustsec-advisory-db',
].flatMap((folder) =>
  listFiles(path.join(ADVISORIES, folder)).map((file) => {
    const text = readFileSync(path.join(ADVISORIES, folder, file), 'utf8');
    return file.endsWith('.yaml') ? parseYaml(text, file) : JSON.parse(text);
  }),
) as Array<Record<string, unknown>>;

const LOG4J = { package: { ecosystem: 'Maven', name: 'log4j' } };

describe('fast shapes read what zod reads', () => {
  it('on every shared record, entry and range', () => {
    const records = shared.map((data) => [
      fastOsvRecord(data),
      OsvRecord.parse(data),
    ]);
    const entries = shared.flatMap((d) => (d.affected ?? []) as unknown[]);
    const ranges = entries.flatMap(
      (e) => ((e as { ranges?: unknown[] }).ranges ?? []) as unknown[],
    );

    for (const [fast, zod] of records)
      expect(fast).toEqual(pick(zod as Record<string, unknown>, RECORD_KEYS));
    for (const entry of entries) {
      const zod = OsvAffected.parse(entry);
      expect(fastOsvAffected(entry)).toEqual({
        package: pick(zod.package, ['ecosystem', 'name', 'purl']),
        severity: zod.severity,
        ranges: zod.ranges,
        versions: zod.versions,
      });
    }
    for (const range of ranges)
      expect(fastOsvRange(range)).toEqual(
        pick(OsvRange.parse(range), ['type', 'repo', 'events']),
      );
    expect(records).toHaveLength(1068);
  });

  it.each([
    ['empty id', { id: '', modified: 'x' }],
    ['no modified', { id: 'A' }],
    ['numeric published', { id: 'A', modified: 'x', published: 5 }],
    ['aliases as text', { id: 'A', modified: 'x', aliases: 'CVE-1' }],
    [
      'database_specific list',
      { id: 'A', modified: 'x', database_specific: [] },
    ],
    ['a list', [{ id: 'A', modified: 'x' }]],
  ])('refuses a record with %s, as zod does', (_, data) => {
    expect(fastOsvRecord(data)).toBeUndefined();
    expect(OsvRecord.safeParse(data).success).toBe(false);
  });

  it.each([
    ['null lists', { id: 'A', modified: 'x', aliases: null, affected: null }],
    ['null texts', { id: 'A', modified: 'x', summary: null, withdrawn: null }],
  ])('accepts a record with %s, as zod does', (_, data) => {
    expect(fastOsvRecord(data)).toEqual(
      pick(OsvRecord.parse(data), RECORD_KEYS),
    );
  });

  it.each([
    ['no package', { ranges: [] }],
    ['a null purl', { package: { ...LOG4J.package, purl: null } }],
    ['no name', { package: { ecosystem: 'Maven' } }],
    ['ranges as object', { ...LOG4J, ranges: {} }],
  ])('refuses an affected entry with %s, as zod does', (_, data) => {
    expect(fastOsvAffected(data)).toBeUndefined();
    expect(OsvAffected.safeParse(data).success).toBe(false);
  });

  it.each([
    ['no events', { type: 'SEMVER' }],
    ['a numeric repo', { type: 'GIT', repo: 1, events: [] }],
    ['no type', { events: [] }],
  ])('refuses a range with %s, as zod does', (_, data) => {
    expect(fastOsvRange(data)).toBeUndefined();
    expect(OsvRange.safeParse(data).success).toBe(false);
  });
});
