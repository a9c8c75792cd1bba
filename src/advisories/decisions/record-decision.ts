import { InputError, NotFoundError } from '../../core/errors.js';
import type { QmDatabase } from '../../store/database.js';
import { advisoryTables } from '../../store/advisories/tables.js';
import { readDecisions } from '../../store/decisions/read-decisions.js';
import { writeDecisions } from '../../store/decisions/write-decisions.js';
import { findService } from '../../queries/find-service.js';
import { decisionFromRow, rowFromDecision } from './decision-rows.js';
import { normalizeDecisionPurl, packagesNamedBy } from './package-scope.js';
import {
  DECISION_STATUSES,
  VEX_JUSTIFICATIONS,
  type Decision,
  type DecisionStatus,
  type VexJustification,
} from './model.js';

/** What `decide` takes; strings as typed, checked here. */
export interface DecisionRequest {
  advisoryId: string;
  service?: string;
  purl?: string;
  status: string;
  justification?: string;
  reason: string;
  author: string;
  /** A date (YYYY-MM-DD, end of that day UTC) or an ISO time. */
  expires?: string;
  /** Default now. */
  now?: string;
}

function invalid(message: string): InputError {
  return new InputError('ERR_DECISION_INVALID', message);
}

// Date.parse rolls 2027-02-30 over to March 2 instead of refusing it.
function isRealDate(text: string): boolean {
  const day = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
  if (!day) return true;
  const [year, month, date] = day.slice(1).map(Number) as [
    number,
    number,
    number,
  ];
  const probe = new Date(Date.UTC(year, month - 1, date));
  return probe.getUTCMonth() === month - 1 && probe.getUTCDate() === date;
}

function expiryOf(text: string | undefined, now: string): string | undefined {
  if (text === undefined) return undefined;
  const iso = /^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T23:59:59.999Z` : text;
  const time = Date.parse(iso);
  if (Number.isNaN(time) || !isRealDate(text))
    throw invalid(`--expires "${text}" is not a date; expected YYYY-MM-DD`);
  const expires = new Date(time).toISOString();
  if (expires <= now)
    throw invalid(`--expires ${text} is in the past; give a future date`);
  return expires;
}

/** Checks a request and turns it into a Decision (no store access). */
export function toDecision(request: DecisionRequest): Decision {
  const now = request.now ?? new Date().toISOString();
  if (!DECISION_STATUSES.includes(request.status as DecisionStatus))
    throw invalid(
      `status "${request.status}" is not known; expected one of ${DECISION_STATUSES.join(', ')}`,
    );
  const justification = request.justification;
  if (justification && !VEX_JUSTIFICATIONS.includes(justification as never))
    throw invalid(
      `justification "${justification}" is not a VEX justification; expected one of ${VEX_JUSTIFICATIONS.join(', ')}`,
    );
  if (request.status === 'not_affected' && !justification)
    throw invalid(
      'not_affected needs a --justification (VEX requires one); e.g. vulnerable_code_not_in_execute_path',
    );
  if (!request.reason.trim() || !request.author.trim())
    throw invalid('a decision needs a --reason and an --author');
  return {
    advisoryId: request.advisoryId.trim(),
    service: request.service,
    purl:
      request.purl === undefined
        ? undefined
        : normalizeDecisionPurl(request.purl).purl,
    status: request.status as DecisionStatus,
    justification: justification as VexJustification | undefined,
    reason: request.reason.trim(),
    author: request.author.trim(),
    createdAt: now,
    expiresAt: expiryOf(request.expires, now),
  };
}

async function requireAdvisory(db: QmDatabase, id: string): Promise<void> {
  const row = await advisoryTables(db)
    .selectFrom('advisory_ids')
    .select('alias')
    .where('alias', '=', id)
    .executeTakeFirst();
  if (!row)
    throw new NotFoundError(
      'ERR_ADVISORY_NOT_FOUND',
      `no imported advisory has the id or alias "${id}"; import advisories first or check the id`,
    );
}

async function requireNamedPackage(db: QmDatabase, decision: Decision) {
  const { packagePurl } = normalizeDecisionPurl(decision.purl ?? '');
  const named = await packagesNamedBy(db, decision.advisoryId);
  if (named.includes(packagePurl)) return;
  throw new InputError(
    'ERR_DECISION_PACKAGE_NOT_NAMED',
    `${decision.advisoryId} does not name ${packagePurl}; it names ` +
      `${named.join(', ') || 'no package of a supported ecosystem'}; ` +
      'give --package as one of those with the installed version',
  );
}

/**
 * Records a decision after checking the advisory (and service) exist
 * and, for a package decision, that the advisory names the package;
 * one on the same advisory, service and package replaces the earlier.
 */
export async function recordDecision(
  db: QmDatabase,
  request: DecisionRequest,
): Promise<Decision> {
  const decision = toDecision(request);
  await requireAdvisory(db, decision.advisoryId);
  if (decision.purl) await requireNamedPackage(db, decision);
  if (decision.service) {
    const row = await findService(db, decision.service);
    decision.service = `${row.namespace}/${row.name}`;
  }
  await writeDecisions(db, [rowFromDecision(decision)]);
  return decision;
}

/** Every stored decision, expired ones included. */
export async function listDecisions(db: QmDatabase): Promise<Decision[]> {
  return (await readDecisions(db)).map(decisionFromRow);
}
