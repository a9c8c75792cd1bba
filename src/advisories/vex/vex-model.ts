import type { Decision } from '../decisions/model.js';

/**
 * What a VEX document is built from: each decision with the ids its
 * vulnerability is known by and the package versions (purls) it covers
 * in the current inventory.
 */
export interface VexEntry {
  decision: Decision;
  /** Every id of the vulnerability, the decision's own first. */
  ids: string[];
  /** Purls the decision covers; at least the decision's own purl. */
  products: string[];
}

/**
 * Our own fields, carried beside the standard ones so that an export read
 * back gives the same decisions: VEX has no accepted risk and no expiry.
 * Other tools ignore them, so the standard fields alone must never say
 * more than the decision (the service is the product, not only a field).
 */
export interface QuartermasterVexFields {
  status: Decision['status'];
  service?: string;
  purl?: string;
  author: string;
  expires?: string;
  justification?: Decision['justification'];
}

export const VEX_PROPERTY_PREFIX = 'quartermaster:';

/**
 * What a document says about one product: a package purl alone, or a
 * product (a service, an image) with the package purls inside it.
 */
export interface VexProduct {
  id: string;
  subcomponents: string[];
}

/** One statement as read, before its advisory and scope are checked. */
export interface VexStatement {
  /** Where in the document, for warnings: `statements[2]`. */
  where: string;
  /** The vulnerability's ids as the statement gives them, main one first. */
  ids: string[];
  decision: Omit<Decision, 'advisoryId' | 'service' | 'purl'>;
  products: VexProduct[];
  /** Our own fields when the document carries them. */
  own?: Partial<QuartermasterVexFields>;
}

/** The statements of a document, and why others were skipped. */
export interface VexReadResult {
  statements: VexStatement[];
  warnings: string[];
}

const SERVICE_URN_PREFIX = 'urn:quartermaster:component:';

/**
 * The stable id of a service in VEX documents: a URN made of its Backstage
 * entity ref. `default/shop` → `urn:quartermaster:component:default/shop`.
 */
export function serviceUrn(service: string): string {
  return `${SERVICE_URN_PREFIX}${service}`;
}

/** `namespace/name` of a service URN, or undefined for any other id. */
export function serviceOfUrn(id: string): string | undefined {
  if (!id.startsWith(SERVICE_URN_PREFIX)) return undefined;
  const service = id.slice(SERVICE_URN_PREFIX.length);
  return /^[^/#]+\/[^/#]+$/.test(service) ? service : undefined;
}

export function ownFields(d: Decision): QuartermasterVexFields {
  return {
    status: d.status,
    service: d.service,
    purl: d.purl,
    author: d.author,
    expires: d.expiresAt,
    justification: d.justification,
  };
}
