import type { Selectable } from 'kysely';
import type { DecisionRow } from '../../store/decisions/tables.js';
import type { NewDecisionRow } from '../../store/decisions/write-decisions.js';
import type { Decision, DecisionStatus, VexJustification } from './model.js';

export function decisionFromRow(row: Selectable<DecisionRow>): Decision {
  return {
    advisoryId: row.advisory_id,
    service: row.service || undefined,
    purl: row.purl || undefined,
    status: row.status as DecisionStatus,
    justification: (row.justification as VexJustification | null) ?? undefined,
    reason: row.reason,
    author: row.author,
    createdAt: row.created_at,
    expiresAt: row.expires_at ?? undefined,
  };
}

export function rowFromDecision(decision: Decision): NewDecisionRow {
  return {
    advisory_id: decision.advisoryId,
    service: decision.service ?? '',
    purl: decision.purl ?? '',
    status: decision.status,
    justification: decision.justification ?? null,
    reason: decision.reason,
    author: decision.author,
    created_at: decision.createdAt,
    expires_at: decision.expiresAt ?? null,
  };
}
