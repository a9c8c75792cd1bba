import { createHash } from 'node:crypto';
import {
  VEX_JUSTIFICATIONS,
  type Decision,
  type VexJustification,
} from '../decisions/model.js';
import {
  ownFields,
  type QuartermasterVexFields,
  type VexEntry,
  type VexReadResult,
} from './vex-model.js';

export const OPENVEX_CONTEXT = 'https://openvex.dev/ns/v0.2.0';

function statementOf(e: VexEntry) {
  const d = e.decision;
  const common = {
    vulnerability: {
      name: d.advisoryId,
      aliases: e.ids.filter((id) => id !== d.advisoryId),
    },
    timestamp: d.createdAt,
    products: e.products.map((purl) => ({ '@id': purl })),
    quartermaster: ownFields(d),
  };
  if (d.status === 'accepted_risk')
    return {
      ...common,
      status: 'affected',
      action_statement: `Risk accepted, will not fix: ${d.reason}`,
      status_notes: d.reason,
    };
  return {
    ...common,
    status: 'not_affected',
    // OpenVEX has no false positive: the flaw is not there to reach.
    justification: d.justification ?? 'vulnerable_code_not_present',
    impact_statement: d.reason,
    status_notes: d.status === 'false_positive' ? 'false positive' : undefined,
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
  vulnerability?: { name?: unknown } | string;
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

function nameOf(s: OpenVexStatement): string | undefined {
  const v = s.vulnerability;
  if (typeof v === 'string') return v;
  return typeof v?.name === 'string' ? v.name : undefined;
}

/** Package purls a foreign statement covers: subcomponents, else products. */
function purlsOf(s: OpenVexStatement): string[] {
  return (s.products ?? []).flatMap((p) => {
    const subs = (p.subcomponents ?? []).map((c) => c['@id']);
    const ids = subs.length > 0 ? subs : [p['@id']];
    return ids.filter(
      (id): id is string => typeof id === 'string' && id.startsWith('pkg:'),
    );
  });
}

function justificationOf(text: string | undefined): VexJustification {
  return VEX_JUSTIFICATIONS.includes(text as VexJustification)
    ? (text as VexJustification)
    : 'vulnerable_code_not_present';
}

/**
 * Decisions from OpenVEX: `not_affected` statements; `affected` ones only
 * when they are our own accepted risks. `fixed` and `under_investigation`
 * say nothing to hide and are skipped with a warning.
 */
export function fromOpenVex(
  document: { statements?: unknown; author?: unknown; timestamp?: unknown },
  now: string,
): VexReadResult {
  const result: VexReadResult = { decisions: [], warnings: [] };
  const author = typeof document.author === 'string' ? document.author : 'vex';
  const list = Array.isArray(document.statements)
    ? (document.statements as OpenVexStatement[])
    : [];
  for (const [i, s] of list.entries()) {
    const own = s.quartermaster;
    const name = nameOf(s);
    const status =
      own?.status ?? (s.status === 'not_affected' ? 'not_affected' : undefined);
    if (!name || !status) {
      result.warnings.push(
        `statements[${i}]: status "${s.status}" is not a decision; skipped`,
      );
      continue;
    }
    const base: Decision = {
      advisoryId: name,
      service: own?.service,
      status,
      justification:
        own?.justification ??
        (status === 'not_affected'
          ? justificationOf(s.justification)
          : undefined),
      reason:
        s.impact_statement ??
        s.action_statement?.replace(/^Risk accepted, will not fix: /, '') ??
        '(no statement in the VEX document)',
      author: own?.author ?? author,
      createdAt: s.timestamp ?? now,
      expiresAt: own?.expires,
    };
    if (own) result.decisions.push({ ...base, purl: own.purl });
    else
      for (const purl of purlsOf(s)) result.decisions.push({ ...base, purl });
  }
  return result;
}
