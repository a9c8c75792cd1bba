import { createHash } from 'node:crypto';
import {
  VEX_JUSTIFICATIONS,
  type DecisionStatus,
  type VexJustification,
} from '../decisions/model.js';
import {
  ownFields,
  serviceUrn,
  type QuartermasterVexFields,
  type VexEntry,
  type VexProduct,
  type VexReadResult,
} from './vex-model.js';

export const OPENVEX_CONTEXT = 'https://openvex.dev/ns/v0.2.0';

/**
 * A service-scoped decision speaks of the service, with the packages as
 * its subcomponents; an organisation-wide one of the bare packages.
 */
function productsOf(e: VexEntry) {
  const packages = e.products.map((purl) => ({ '@id': purl }));
  if (!e.decision.service) return packages;
  const service = { '@id': serviceUrn(e.decision.service) };
  return [
    packages.length > 0 ? { ...service, subcomponents: packages } : service,
  ];
}

function statementOf(e: VexEntry) {
  const d = e.decision;
  const common = {
    vulnerability: {
      name: d.advisoryId,
      aliases: e.ids.filter((id) => id !== d.advisoryId),
    },
    timestamp: d.createdAt,
    products: productsOf(e),
    quartermaster: ownFields(d),
  };
  if (d.status === 'accepted_risk')
    return {
      ...common,
      status: 'affected',
      action_statement: `Risk accepted, will not fix: ${d.reason}`,
      status_notes: d.reason,
    };
  if (d.status === 'false_positive')
    return {
      ...common,
      status: 'not_affected',
      // OpenVEX has no false positive: the flaw is not there to reach.
      justification: d.justification ?? 'vulnerable_code_not_present',
      impact_statement: d.reason,
      status_notes: 'false positive',
    };
  // Without a justification the impact statement alone says why.
  return {
    ...common,
    status: 'not_affected',
    justification: d.justification,
    impact_statement: d.reason,
  };
}

/** An OpenVEX 0.2.0 document: one statement per decision. */
export function toOpenVex(
  entries: readonly VexEntry[],
  author: string,
  now: string,
) {
  const statements = entries.map(statementOf);
  const digest = createHash('sha256')
    .update(JSON.stringify(statements))
    .digest('hex');
  return {
    '@context': OPENVEX_CONTEXT,
    '@id': `https://openvex.dev/docs/public/quartermaster-${digest.slice(0, 16)}`,
    author,
    timestamp: now,
    version: 1,
    tooling: 'quartermaster',
    statements,
  };
}

interface OpenVexStatement {
  vulnerability?:
    { name?: unknown; '@id'?: unknown; aliases?: unknown } | string;
  products?: Array<{
    '@id'?: unknown;
    subcomponents?: Array<{ '@id'?: unknown }>;
  }>;
  status?: string;
  justification?: string;
  impact_statement?: string;
  action_statement?: string;
  timestamp?: string;
  quartermaster?: Partial<QuartermasterVexFields>;
}

/** `CVE-2021-44906` from itself or from an IRI that ends in it. */
function idOfIri(iri: string): string {
  return (
    iri
      .replace(/[/#]+$/, '')
      .split(/[/#]/)
      .pop() ?? iri
  );
}

/** The ids a statement gives: name, then `@id` (OpenVEX allows either), then aliases. */
function idsOf(s: OpenVexStatement): string[] {
  const v = s.vulnerability;
  if (typeof v === 'string') return [v];
  const ids = [
    typeof v?.name === 'string' ? v.name : undefined,
    typeof v?.['@id'] === 'string' ? idOfIri(v['@id']) : undefined,
    ...(Array.isArray(v?.aliases) ? v.aliases : []),
  ];
  const strings = ids.filter(
    (id): id is string => typeof id === 'string' && id.trim() !== '',
  );
  return [...new Set(strings.map((id) => id.trim()))];
}

function productsOfStatement(s: OpenVexStatement): VexProduct[] {
  return (s.products ?? []).flatMap((p) =>
    typeof p['@id'] === 'string'
      ? [
          {
            id: p['@id'],
            subcomponents: (p.subcomponents ?? [])
              .map((c) => c['@id'])
              .filter((id): id is string => typeof id === 'string'),
          },
        ]
      : [],
  );
}

function statusOf(s: OpenVexStatement): DecisionStatus | undefined {
  return (
    s.quartermaster?.status ??
    (s.status === 'not_affected' ? 'not_affected' : undefined)
  );
}

// Our false positives carry a justification only for OpenVEX's sake.
function justificationOf(s: OpenVexStatement): string | undefined {
  if (s.quartermaster?.justification) return s.quartermaster.justification;
  return statusOf(s) === 'not_affected' ? s.justification : undefined;
}

/** Why a statement cannot become a decision, or undefined. */
function problemOf(s: OpenVexStatement, ids: string[]): string | undefined {
  const status = statusOf(s);
  const justification = justificationOf(s);
  if (ids.length === 0)
    return 'names no vulnerability (vulnerability.name or @id)';
  if (!status) return `status "${s.status}" is not a decision`;
  if (justification && !VEX_JUSTIFICATIONS.includes(justification as never))
    return `justification "${justification}" is not an OpenVEX justification`;
  if (status === 'not_affected' && !justification && !s.impact_statement)
    return 'not_affected with neither justification nor impact_statement, which OpenVEX requires';
  if (productsOfStatement(s).length === 0) return 'names no product';
  return undefined;
}

/**
 * Statements from OpenVEX: `not_affected` ones; `affected` ones only when
 * they are our own accepted risks. `fixed` and `under_investigation` say
 * nothing to hide and are skipped with a warning. Scopes are checked
 * against the store later (resolveVexStatements).
 */
export function fromOpenVex(
  document: { statements?: unknown; author?: unknown },
  now: string,
): VexReadResult {
  const result: VexReadResult = { statements: [], warnings: [] };
  const author = typeof document.author === 'string' ? document.author : 'vex';
  const list = Array.isArray(document.statements)
    ? (document.statements as OpenVexStatement[])
    : [];
  for (const [i, s] of list.entries()) {
    const where = `statements[${i}]`;
    const ids = idsOf(s);
    const problem = problemOf(s, ids);
    if (problem) {
      result.warnings.push(`${where}: ${problem}; skipped`);
      continue;
    }
    const own = s.quartermaster;
    result.statements.push({
      where,
      ids,
      decision: {
        status: statusOf(s)!,
        justification: justificationOf(s) as VexJustification | undefined,
        reason:
          s.impact_statement ??
          s.action_statement?.replace(/^Risk accepted, will not fix: /, '') ??
          '(no statement in the VEX document)',
        author: own?.author ?? author,
        createdAt: s.timestamp ?? now,
        expiresAt: own?.expires,
      },
      products: productsOfStatement(s),
      own,
    });
  }
  return result;
}
