import { PackageURL } from 'packageurl-js';
import { InputError } from '../../core/errors.js';
import { ECOSYSTEMS, type EcosystemName } from '../../core/model.js';
import { buildPurl, ecosystemOfPurlType } from '../../core/purl.js';
import type { QmDatabase } from '../../store/database.js';
import { advisoryTables } from '../../store/advisories/tables.js';

/** A decision's package: the version purl and the package without version. */
export interface PackageScope {
  purl: string;
  packagePurl: string;
}

function invalidPurl(text: string, why: string): InputError {
  return new InputError(
    'ERR_DECISION_INVALID',
    `package "${text}" ${why}; give a package version as a purl, e.g. pkg:npm/minimist@1.2.0`,
  );
}

function nameOf(ecosystem: EcosystemName, purl: PackageURL): string {
  if (!purl.namespace) return purl.name;
  if (ecosystem === 'Maven') return `${purl.namespace}:${purl.name}`;
  return `${purl.namespace}/${purl.name}`;
}

/**
 * The purl as findings spell it: the ecosystem's name normalisation
 * (PyPI `Requests` is `requests`). Qualifiers and subpath are dropped,
 * since findings carry none. Throws ERR_DECISION_INVALID for text that
 * is no purl, has no version or names an ecosystem Quartermaster lacks.
 */
export function normalizeDecisionPurl(text: string): PackageScope {
  let parsed: PackageURL;
  try {
    parsed = PackageURL.fromString(text.trim());
  } catch (error) {
    throw invalidPurl(text, `is not a purl (${(error as Error).message})`);
  }
  const ecosystem = ecosystemOfPurlType(parsed.type);
  if (!ecosystem)
    throw invalidPurl(text, `has purl type "${parsed.type}", no ecosystem`);
  if (!parsed.version) throw invalidPurl(text, 'has no version');
  const name = nameOf(ecosystem, parsed);
  return {
    purl: buildPurl(ecosystem, name, parsed.version),
    packagePurl: buildPurl(ecosystem, name),
  };
}

/**
 * The packages (purls without version) that any record of the
 * vulnerability known as `advisoryId` names; empty for an unknown id.
 */
export async function packagesNamedBy(
  db: QmDatabase,
  advisoryId: string,
): Promise<string[]> {
  const rows = await advisoryTables(db)
    .selectFrom('advisory_ids as i')
    .innerJoin('advisories as a', 'a.id', 'i.advisory_id')
    .innerJoin(
      'advisories as same',
      'same.vulnerability_id',
      'a.vulnerability_id',
    )
    .innerJoin('advisory_packages as p', 'p.advisory_id', 'same.id')
    .select(['p.ecosystem', 'p.name'])
    .where('i.alias', '=', advisoryId)
    .distinct()
    .execute();
  const purls = rows
    .filter((r) => ECOSYSTEMS.includes(r.ecosystem as EcosystemName))
    .map((r) => buildPurl(r.ecosystem as EcosystemName, r.name));
  return [...new Set(purls)].sort();
}
