import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { TEST_DIALECTS, useTestStore } from '../../test-support/databases.js';
import { SHARED_DIR } from '../../test-support/shared.js';
import { importAdvisoryPaths } from './import-counted.js';

const GO_GHSA = path.join(SHARED_DIR, 'advisories/github-advisory-database/go');
const GO_VULNDB = path.join(SHARED_DIR, 'advisories/golang-vulndb');

interface RawRecord {
  id: string;
  aliases?: string[];
  withdrawn?: string;
}

function rawRecords(folder: string): RawRecord[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(path.join(folder, f), 'utf8')))
    .filter((r: RawRecord) => typeof r.id === 'string');
}

/** Connected groups of ids and aliases, by a plain flood fill. */
function groupCount(records: RawRecord[]): number {
  const links = new Map<string, Set<string>>();
  const link = (a: string, b: string) => {
    links.set(a, (links.get(a) ?? new Set()).add(b));
    links.set(b, (links.get(b) ?? new Set()).add(a));
  };
  for (const r of records)
    for (const alias of [r.id, ...(r.aliases ?? [])]) link(r.id, alias);
  const ids = new Set(records.map((r) => r.id));
  const seen = new Set<string>();
  let groups = 0;
  for (const id of ids) {
    if (seen.has(id)) continue;
    groups += 1;
    const stack = [id];
    while (stack.length > 0) {
      const next = stack.pop()!;
      if (seen.has(next)) continue;
      seen.add(next);
      stack.push(...(links.get(next) ?? []));
    }
  }
  return groups;
}

describe.each(TEST_DIALECTS)('importAdvisoryPaths on %s', (dialect) => {
  const store = useTestStore(dialect);

  test('counts new, withdrawn and merged records, then nothing new', async () => {
    // Independent route: the JSON files read directly, and alias groups
    // found by a flood fill over their ids and aliases.
    const raw = [...rawRecords(GO_GHSA), ...rawRecords(GO_VULNDB)];
    const distinct = new Set(raw.map((r) => r.id)).size;
    const withdrawn = raw.filter((r) => r.withdrawn).length;

    const first = await importAdvisoryPaths(store.db, [GO_GHSA, GO_VULNDB]);
    const second = await importAdvisoryPaths(store.db, [GO_GHSA, GO_VULNDB]);

    expect(first).toMatchObject({
      imported: distinct,
      updated: 0,
      withdrawn,
      aliasesMerged: distinct - groupCount(raw),
    });
    expect(first.aliasesMerged).toBeGreaterThan(0);
    expect(second).toMatchObject({
      imported: 0,
      updated: 0,
      withdrawn: 0,
      aliasesMerged: 0,
      unchanged: raw.length,
    });
  });
});
