import type { Decision, VexJustification } from '../decisions/model.js';
import {
  ownFields,
  VEX_PROPERTY_PREFIX,
  type QuartermasterVexFields,
  type VexEntry,
  type VexReadResult,
} from './vex-model.js';

/** OpenVEX justification → CycloneDX 1.6 `analysis.justification`. */
const TO_CYCLONEDX: Record<VexJustification, string> = {
  component_not_present: 'code_not_present',
  vulnerable_code_not_present: 'code_not_present',
  vulnerable_code_not_in_execute_path: 'code_not_reachable',
  vulnerable_code_cannot_be_controlled_by_adversary: 'requires_environment',
  inline_mitigations_already_exist: 'protected_by_mitigating_control',
};

const FROM_CYCLONEDX: Record<string, VexJustification> = {
  code_not_present: 'vulnerable_code_not_present',
  code_not_reachable: 'vulnerable_code_not_in_execute_path',
  requires_configuration: 'vulnerable_code_cannot_be_controlled_by_adversary',
  requires_dependency: 'component_not_present',
  requires_environment: 'vulnerable_code_cannot_be_controlled_by_adversary',
  protected_by_compiler: 'inline_mitigations_already_exist',
  protected_at_runtime: 'inline_mitigations_already_exist',
  protected_at_perimeter: 'inline_mitigations_already_exist',
  protected_by_mitigating_control: 'inline_mitigations_already_exist',
};

function analysisOf(d: Decision) {
  const base = {
    detail: d.reason,
    firstIssued: d.createdAt,
    lastUpdated: d.createdAt,
  };
  if (d.status === 'not_affected')
    return {
      state: 'not_affected',
      justification: d.justification && TO_CYCLONEDX[d.justification],
      ...base,
    };
  if (d.status === 'false_positive')
    return { state: 'false_positive', ...base };
  return { state: 'exploitable', response: ['will_not_fix'], ...base };
}

function properties(fields: QuartermasterVexFields) {
  return Object.entries(fields)
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => ({
      name: `${VEX_PROPERTY_PREFIX}${name}`,
      value: String(value),
    }));
}

/** A CycloneDX 1.6 JSON VEX document: one vulnerability per decision. */
export function toCycloneDxVex(entries: readonly VexEntry[], now: string) {
  const purls = [...new Set(entries.flatMap((e) => e.products))].sort();
  return {
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    version: 1,
    metadata: {
      timestamp: now,
      tools: { components: [{ type: 'application', name: 'quartermaster' }] },
    },
    components: purls.map((purl) => ({
      type: 'library',
      'bom-ref': purl,
      name: purl.replace(/^pkg:[^/]+\//, '').replace(/@[^@]*$/, ''),
      purl,
    })),
    vulnerabilities: entries.map((e) => ({
      id: e.decision.advisoryId,
      references: e.ids
        .filter((id) => id !== e.decision.advisoryId)
        .map((id) => ({ id, source: { name: sourceOf(id) } })),
      analysis: analysisOf(e.decision),
      affects: e.products.map((ref) => ({ ref })),
      properties: properties(ownFields(e.decision)),
    })),
  };
}

function sourceOf(id: string): string {
  if (id.startsWith('CVE-')) return 'NVD';
  if (id.startsWith('GHSA-')) return 'GitHub';
  return 'OSV';
}

interface CdxVulnerability {
  id?: unknown;
  analysis?: {
    state?: string;
    justification?: string;
    response?: string[];
    detail?: string;
    firstIssued?: string;
  };
  affects?: Array<{ ref?: unknown }>;
  properties?: Array<{ name?: unknown; value?: unknown }>;
}

function ownFieldsOf(v: CdxVulnerability): Partial<QuartermasterVexFields> {
  const out: Record<string, string> = {};
  for (const p of v.properties ?? [])
    if (typeof p.name === 'string' && p.name.startsWith(VEX_PROPERTY_PREFIX))
      out[p.name.slice(VEX_PROPERTY_PREFIX.length)] = String(p.value);
  return out as Partial<QuartermasterVexFields>;
}

function statusOf(state: string | undefined, response: string[] = []) {
  if (state === 'not_affected') return 'not_affected';
  if (state === 'false_positive') return 'false_positive';
  if (state === 'exploitable' && response.includes('will_not_fix'))
    return 'accepted_risk';
  return undefined;
}

/**
 * Decisions from a CycloneDX VEX: not_affected, false_positive, and
 * exploitable with `will_not_fix` (accepted risk). Other states say
 * nothing to hide and are skipped with a warning.
 */
export function fromCycloneDxVex(
  document: { vulnerabilities?: unknown },
  author: string,
  now: string,
): VexReadResult {
  const result: VexReadResult = { decisions: [], warnings: [] };
  const list = Array.isArray(document.vulnerabilities)
    ? (document.vulnerabilities as CdxVulnerability[])
    : [];
  for (const [i, v] of list.entries()) {
    const own = ownFieldsOf(v);
    const status =
      own.status ?? statusOf(v.analysis?.state, v.analysis?.response);
    if (typeof v.id !== 'string' || !status) {
      result.warnings.push(
        `vulnerabilities[${i}]: state "${v.analysis?.state}" is not a decision; skipped`,
      );
      continue;
    }
    const base: Decision = {
      advisoryId: v.id,
      service: own.service,
      status,
      justification:
        own.justification ??
        (status === 'not_affected'
          ? (FROM_CYCLONEDX[v.analysis?.justification ?? ''] ??
            'vulnerable_code_not_present')
          : undefined),
      reason: v.analysis?.detail ?? '(no detail in the VEX document)',
      author: own.author ?? author,
      createdAt: v.analysis?.firstIssued ?? now,
      expiresAt: own.expires,
    };
    // Our own export names its scope; a foreign one scopes per product.
    if ('author' in own) result.decisions.push({ ...base, purl: own.purl });
    else
      for (const a of v.affects ?? [])
        if (typeof a.ref === 'string' && a.ref.startsWith('pkg:'))
          result.decisions.push({ ...base, purl: a.ref });
  }
  return result;
}
