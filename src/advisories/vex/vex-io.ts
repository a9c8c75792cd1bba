import { readFile, stat } from 'node:fs/promises';
import { InputError } from '../../core/errors.js';
import type { QmDatabase } from '../../store/database.js';
import { listFindings } from '../../store/advisories/list-findings.js';
import { advisoryTables } from '../../store/advisories/tables.js';
import { writeDecisions } from '../../store/decisions/write-decisions.js';
import { rowFromDecision } from '../decisions/decision-rows.js';
import { isLive, type Decision } from '../decisions/model.js';
import { listDecisions } from '../decisions/record-decision.js';
import { fromCycloneDxVex, toCycloneDxVex } from './cyclonedx-vex.js';
import { fromOpenVex, OPENVEX_CONTEXT, toOpenVex } from './openvex.js';
import { resolveVexStatements } from './resolve-vex-statements.js';
import type { VexEntry, VexReadResult } from './vex-model.js';

export type VexFormat = 'cyclonedx' | 'openvex';

const MAX_VEX_BYTES = 64 * 1024 * 1024;

/** The ids a stored vulnerability answers to, by any of them. */
async function idsOf(db: QmDatabase, id: string): Promise<string[]> {
  const row = await advisoryTables(db)
    .selectFrom('advisory_ids as i')
    .innerJoin('advisories as a', 'a.id', 'i.advisory_id')
    .innerJoin('vulnerabilities as v', 'v.id', 'a.vulnerability_id')
    .select('v.ids')
    .where('i.alias', '=', id)
    .executeTakeFirst();
  const ids = row ? (JSON.parse(row.ids) as string[]) : [];
  return [id, ...ids.filter((other) => other !== id)];
}

/** Decisions paired with their ids and the purls they cover today. */
export async function vexEntries(
  db: QmDatabase,
  live?: { now: string },
): Promise<VexEntry[]> {
  const findings = await listFindings(db);
  const entries: VexEntry[] = [];
  for (const decision of await listDecisions(db)) {
    if (live && !isLive(decision, live.now)) continue;
    const ids = await idsOf(db, decision.advisoryId);
    const wanted = new Set(ids.map((i) => i.toUpperCase()));
    const covered = findings.filter(
      (f) =>
        f.vulnerability.ids.some((i) => wanted.has(i.toUpperCase())) &&
        (!decision.service ||
          decision.service === `${f.service.namespace}/${f.service.name}`),
    );
    const products = decision.purl
      ? [decision.purl]
      : [...new Set(covered.map((f) => f.package.purl))].sort();
    entries.push({ decision, ids, products });
  }
  return entries;
}

export interface ExportVexOptions {
  format: VexFormat;
  /** Also export decisions past their expiry (default: live ones only). */
  includeExpired?: boolean;
  author?: string;
  now?: string;
}

/**
 * The decisions as a CycloneDX or OpenVEX document; expired ones only with
 * `includeExpired`, since a consumer would take them as current.
 */
export async function exportVex(
  db: QmDatabase,
  options: ExportVexOptions,
): Promise<object> {
  const now = options.now ?? new Date().toISOString();
  const entries = await vexEntries(
    db,
    options.includeExpired ? undefined : { now },
  );
  return options.format === 'cyclonedx'
    ? toCycloneDxVex(entries, now)
    : toOpenVex(entries, options.author ?? 'quartermaster', now);
}

function unreadable(file: string, reason: string, cause?: unknown) {
  return new InputError(
    'ERR_VEX_FORMAT',
    `not a VEX document (${reason}); expected CycloneDX 1.4+ JSON with vulnerabilities or OpenVEX JSON`,
    { file, cause },
  );
}

/** Reads a VEX file into decisions, telling the two formats apart. */
export async function readVexFile(
  file: string,
  now: string = new Date().toISOString(),
): Promise<VexReadResult> {
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) throw unreadable(file, 'no such file');
  if (info.size > MAX_VEX_BYTES)
    throw unreadable(file, `${info.size} bytes, over ${MAX_VEX_BYTES}`);
  let document: Record<string, unknown>;
  try {
    document = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw unreadable(file, (error as Error).message, error);
  }
  if (document?.bomFormat === 'CycloneDX') {
    requireStatements(file, document.vulnerabilities, 'vulnerabilities');
    return fromCycloneDxVex(document, 'vex', now);
  }
  const context = String(document?.['@context'] ?? '');
  if (context.startsWith('https://openvex.dev/ns')) {
    requireStatements(file, document.statements, 'statements');
    return fromOpenVex(document, now);
  }
  throw unreadable(
    file,
    `neither bomFormat CycloneDX nor @context ${OPENVEX_CONTEXT}`,
  );
}

// A CycloneDX SBOM without vulnerabilities is not an empty VEX: most
// likely the wrong file was given.
function requireStatements(file: string, list: unknown, field: string) {
  if (Array.isArray(list) && list.length > 0) return;
  throw new InputError(
    'ERR_VEX_EMPTY',
    `holds no VEX statements (no ${field}); give a VEX document, such as one \`quartermaster vex export\` writes`,
    { file },
  );
}

export interface ImportVexResult {
  decisions: Decision[];
  warnings: string[];
}

/**
 * Stores the decisions of a VEX file. Statements on advisories not
 * imported, services not in the store or packages the advisory does not
 * name are skipped with a warning, as `decide` refuses them.
 */
export async function importVex(
  db: QmDatabase,
  file: string,
): Promise<ImportVexResult> {
  const read = await readVexFile(file);
  const resolved = await resolveVexStatements(db, read.statements);
  await writeDecisions(db, resolved.decisions.map(rowFromDecision));
  return {
    decisions: resolved.decisions,
    warnings: inDocumentOrder([...read.warnings, ...resolved.warnings]),
  };
}

/** Warnings start `statements[3]: `; sorts them by that index. */
function inDocumentOrder(warnings: string[]): string[] {
  const index = (w: string) => Number(/^\w+\[(\d+)\]/.exec(w)?.[1] ?? -1);
  return [...warnings].sort((a, b) => index(a) - index(b));
}
