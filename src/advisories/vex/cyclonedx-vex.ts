import type { Decision, VexJustification } from '../decisions/model.js';
import {
  ownFields,
  serviceOfUrn,
  serviceUrn,
  VEX_PROPERTY_PREFIX,
  type QuartermasterVexFields,
  type VexEntry,
  type VexProduct,
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

function packageComponent(purl: string, bomRef: string) {
  return {
    type: 'library',
    'bom-ref': bomRef,
    name: purl.replace(/^pkg:[^/]+\//, '').replace(/@[^@]*$/, ''),
    purl,
  };
}

// A package inside a service: unique per service, so that a reference to
// it names the service too and no reader takes it for the bare package.
function nestedRef(service: string, purl: string): string {
  return `${serviceUrn(service)}#${purl}`;
}

/**
 * Organisation-wide decisions' packages as top-level components; each
 * service with a decision as an application component holding the
 * packages its decisions cover (CycloneDX nests what a component includes).
 */
function componentsOf(entries: readonly VexEntry[]) {
  const purls = new Set<string>();
  const services = new Map<string, Set<string>>();
  for (const { decision, products } of entries) {
    if (!decision.service) {
      for (const purl of products) purls.add(purl);
      continue;
    }
    const inside = services.get(decision.service) ?? new Set<string>();
    for (const purl of products) inside.add(purl);
    services.set(decision.service, inside);
  }
  const serviceComponents = [...services.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([service, inside]) => ({
      type: 'application',
      'bom-ref': serviceUrn(service),
      name: service,
      components: [...inside]
        .sort()
        .map((purl) => packageComponent(purl, nestedRef(service, purl))),
    }));
  const packages = [...purls]
    .sort()
    .map((purl) => packageComponent(purl, purl));
  return [...serviceComponents, ...packages];
}

/** The service, the package inside the service, or the bare packages. */
function affectsOf(e: VexEntry) {
  const { service, purl } = e.decision;
  if (!service) return e.products.map((ref) => ({ ref }));
  return [{ ref: purl ? nestedRef(service, purl) : serviceUrn(service) }];
}

/** A CycloneDX 1.6 JSON VEX document: one vulnerability per decision. */
export function toCycloneDxVex(entries: readonly VexEntry[], now: string) {
  return {
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    version: 1,
    metadata: {
      timestamp: now,
      tools: { components: [{ type: 'application', name: 'quartermaster' }] },
    },
    components: componentsOf(entries),
    vulnerabilities: entries.map((e) => ({
      id: e.decision.advisoryId,
      references: e.ids
        .filter((id) => id !== e.decision.advisoryId)
        .map((id) => ({ id, source: { name: sourceOf(id) } })),
      analysis: analysisOf(e.decision),
      affects: affectsOf(e),
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
  references?: Array<{ id?: unknown }>;
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

interface CdxComponent {
  'bom-ref'?: unknown;
  purl?: unknown;
  components?: CdxComponent[];
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

function purlsIn(components: CdxComponent[] = []): string[] {
  return components.flatMap((c) =>
    typeof c.purl === 'string' ? [c.purl] : [],
  );
}

/**
 * What each bom-ref stands for: a component's purl with the purls nested
 * in it, and a package nested in one of our services as that service
 * with the package (so the scope survives without our properties).
 */
function productIndex(components: CdxComponent[] = []) {
  const index = new Map<string, VexProduct>();
  const visit = (list: CdxComponent[], parent?: string) => {
    for (const c of list) {
      const ref = typeof c['bom-ref'] === 'string' ? c['bom-ref'] : undefined;
      const purl = typeof c.purl === 'string' ? c.purl : undefined;
      if (ref && parent && serviceOfUrn(parent) && purl)
        index.set(ref, { id: parent, subcomponents: [purl] });
      else if (ref && serviceOfUrn(ref))
        index.set(ref, { id: ref, subcomponents: [] });
      else if (ref)
        index.set(ref, {
          id: purl ?? ref,
          subcomponents: purlsIn(c.components),
        });
      visit(c.components ?? [], ref);
    }
  };
  visit(components);
  return index;
}

function idsOf(v: CdxVulnerability): string[] {
  const ids = [v.id, ...(v.references ?? []).map((r) => r.id)].filter(
    (id): id is string => typeof id === 'string' && id.trim() !== '',
  );
  return [...new Set(ids.map((id) => id.trim()))];
}

function justificationOf(
  v: CdxVulnerability,
  own: Partial<QuartermasterVexFields>,
): VexJustification | undefined | 'unknown' {
  if (own.justification) return own.justification;
  const given = v.analysis?.justification;
  if (!given) return undefined;
  return FROM_CYCLONEDX[given] ?? 'unknown';
}

/** Why a vulnerability cannot become a decision, or undefined. */
function problemOf(v: CdxVulnerability, ids: string[]): string | undefined {
  const own = ownFieldsOf(v);
  const status =
    own.status ?? statusOf(v.analysis?.state, v.analysis?.response);
  const justification = justificationOf(v, own);
  if (ids.length === 0) return 'names no vulnerability id';
  if (!status) return `state "${v.analysis?.state}" is not a decision`;
  if (justification === 'unknown')
    return `justification "${v.analysis?.justification}" is not a CycloneDX justification`;
  if (status === 'not_affected' && !justification && !v.analysis?.detail)
    return 'not_affected with neither justification nor detail';
  if (!(v.affects ?? []).some((a) => typeof a.ref === 'string'))
    return 'affects nothing';
  return undefined;
}

/**
 * Statements from a CycloneDX VEX: not_affected, false_positive, and
 * exploitable with `will_not_fix` (accepted risk). Other states say
 * nothing to hide and are skipped with a warning. An `affects` ref that
 * no component carries is read as a purl when it is one.
 */
export function fromCycloneDxVex(
  document: { vulnerabilities?: unknown; components?: unknown },
  author: string,
  now: string,
): VexReadResult {
  const result: VexReadResult = { statements: [], warnings: [] };
  const list = Array.isArray(document.vulnerabilities)
    ? (document.vulnerabilities as CdxVulnerability[])
    : [];
  const index = productIndex(
    Array.isArray(document.components)
      ? (document.components as CdxComponent[])
      : [],
  );
  for (const [i, v] of list.entries()) {
    const where = `vulnerabilities[${i}]`;
    const ids = idsOf(v);
    const problem = problemOf(v, ids);
    if (problem) {
      result.warnings.push(`${where}: ${problem}; skipped`);
      continue;
    }
    const own = ownFieldsOf(v);
    result.statements.push({
      where,
      ids,
      decision: {
        status:
          own.status ?? statusOf(v.analysis?.state, v.analysis?.response)!,
        justification: justificationOf(v, own) as VexJustification | undefined,
        reason: v.analysis?.detail ?? '(no detail in the VEX document)',
        author: own.author ?? author,
        createdAt: v.analysis?.firstIssued ?? now,
        expiresAt: own.expires,
      },
      products: (v.affects ?? []).flatMap((a) =>
        typeof a.ref === 'string'
          ? [index.get(a.ref) ?? { id: a.ref, subcomponents: [] }]
          : [],
      ),
      own: Object.keys(own).length > 0 ? own : undefined,
    });
  }
  return result;
}
