import type { Generated, Kysely } from 'kysely';
import type { Database, QmDatabase } from '../database.js';

/**
 * The decisions table (migration 20261203190000_create-decisions). Empty
 * `service` means organisation-wide, empty `purl` any package; times are
 * ISO text.
 */
// A type alias, not an interface: withTables wants an index-compatible type.
export type DecisionTables = {
  decisions: {
    id: Generated<number>;
    /** The id the decision was made on: GHSA, CVE or any alias. */
    advisory_id: string;
    /** `namespace/name`, or '' for every service. */
    service: string;
    /** A package purl, or '' for every package. */
    purl: string;
    status: string;
    justification: string | null;
    reason: string;
    author: string;
    created_at: string;
    expires_at: string | null;
  };
};

export type DecisionDatabase = Kysely<Database & DecisionTables>;

/** The same handle (or transaction), typed to see the decisions table. */
export function decisionTables(db: QmDatabase): DecisionDatabase {
  return db.withTables<DecisionTables>();
}

export type DecisionRow = DecisionTables['decisions'];
