import { sql } from 'kysely';
import type { QmDatabase } from '../../store/database.js';
import { advisoryTables } from '../../store/advisories/tables.js';
import {
  importAdvisories,
  type AdvisorySource,
  type ImportAdvisoriesOptions,
  type ImportAdvisoriesResult,
} from '../import-advisories.js';
import type { AdvisoryWarning } from '../model.js';

/** What `advisories import` prints; counts are over every path given. */
export interface ImportCounts {
  files: number;
  records: number;
  /** Records new to the store. */
  imported: number;
  /** Records that replaced an older stored copy. */
  updated: number;
  /** Records stored as newly withdrawn. */
  withdrawn: number;
  /** Records folded into another record's vulnerability through aliases. */
  aliasesMerged: number;
  unchanged: number;
  /** Snapshots matched again, and findings they now have. */
  snapshots: number;
  findings: number;
  warnings: AdvisoryWarning[];
}

interface StoreTally {
  records: number;
  withdrawn: number;
  vulnerabilities: number;
}

async function tally(store: QmDatabase): Promise<StoreTally> {
  const db = advisoryTables(store);
  const records = await db
    .selectFrom('advisories')
    .select([
      sql<number>`count(*)`.as('total'),
      sql<number>`count(withdrawn)`.as('withdrawn'),
    ])
    .executeTakeFirstOrThrow();
  const vulnerabilities = await db
    .selectFrom('vulnerabilities')
    .select(sql<number>`count(*)`.as('total'))
    .executeTakeFirstOrThrow();
  return {
    records: Number(records.total),
    withdrawn: Number(records.withdrawn),
    vulnerabilities: Number(vulnerabilities.total),
  };
}

function emptyCounts(): ImportCounts {
  return {
    files: 0,
    records: 0,
    imported: 0,
    updated: 0,
    withdrawn: 0,
    aliasesMerged: 0,
    unchanged: 0,
    snapshots: 0,
    findings: 0,
    warnings: [],
  };
}

function addResult(counts: ImportCounts, result: ImportAdvisoriesResult) {
  counts.files += result.files;
  counts.records += result.records;
  counts.unchanged += result.unchanged;
  counts.snapshots += result.snapshots;
  counts.findings += result.findings;
  counts.warnings.push(...result.warnings);
}

/**
 * Imports each path with `importAdvisories` and reports what changed in
 * the store, read as differences of row counts before and after, so the
 * counts hold whatever the import did internally.
 */
export async function importAdvisoryPaths(
  db: QmDatabase,
  paths: ReadonlyArray<AdvisorySource | string>,
  options: ImportAdvisoriesOptions = {},
): Promise<ImportCounts> {
  const counts = emptyCounts();
  const before = await tally(db);
  let written = 0;
  for (const path of paths) {
    const result = await importAdvisories(db, path, options);
    addResult(counts, result);
    written += result.written;
  }
  const after = await tally(db);

  counts.imported = after.records - before.records;
  counts.updated = Math.max(0, written - counts.imported);
  counts.withdrawn = Math.max(0, after.withdrawn - before.withdrawn);
  counts.aliasesMerged = Math.max(
    0,
    after.records -
      after.vulnerabilities -
      (before.records - before.vulnerabilities),
  );
  return counts;
}
