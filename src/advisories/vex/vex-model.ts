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
 * back gives the same decisions (VEX has no accepted risk, no expiry and
 * no service scope). Other tools ignore them.
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

/** A decision read from VEX, or why a statement was skipped. */
export interface VexReadResult {
  decisions: Decision[];
  warnings: string[];
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
