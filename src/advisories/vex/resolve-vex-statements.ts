import { QuartermasterError } from '../../core/errors.js';
import { findService } from '../../queries/find-service.js';
import { advisoryTables } from '../../store/advisories/tables.js';
import type { QmDatabase } from '../../store/database.js';
import { DECISION_STATUSES, type Decision } from '../decisions/model.js';
import {
  normalizeDecisionPurl,
  packagesNamedBy,
} from '../decisions/package-scope.js';
import {
  serviceOfUrn,
  type VexProduct,
  type VexStatement,
} from './vex-model.js';

/** Where a decision applies: a service, a package version, both or neither. */
interface Scope {
  service?: string;
  purl?: string;
}

/** Scopes of one statement, or the reason it cannot be applied. */
type Scoped = { scopes: Scope[] } | { problem: string };

/**
 * Turns read statements into decisions against the store: the advisory
 * must be imported, a service must exist, a package must be one the
 * advisory names. A statement's standard fields never widen its scope: a
 * product with subcomponents that names no known service is skipped
 * rather than applied to its packages in every service.
 */
export async function resolveVexStatements(
  db: QmDatabase,
  statements: readonly VexStatement[],
): Promise<{ decisions: Decision[]; warnings: string[] }> {
  const decisions: Decision[] = [];
  const warnings: string[] = [];
  const services = new ServiceNames(db);
  for (const s of statements) {
    const advisoryId = await firstImportedId(db, s.ids);
    const named = advisoryId ? await packagesNamedBy(db, advisoryId) : [];
    const scoped = !DECISION_STATUSES.includes(s.decision.status)
      ? { problem: `status "${s.decision.status}" is not a decision` }
      : !advisoryId
        ? {
            problem: `advisory ${s.ids.join(' / ')} is not imported; import advisories, then this file again`,
          }
        : await scopesOf(s, services);
    if ('problem' in scoped) {
      warnings.push(`${s.where}: ${scoped.problem}; skipped`);
      continue;
    }
    for (const scope of scoped.scopes) {
      const problem = packageProblem(scope, named, advisoryId!);
      if (problem) warnings.push(`${s.where}: ${problem}; skipped`);
      else decisions.push({ advisoryId: advisoryId!, ...scope, ...s.decision });
    }
  }
  return { decisions, warnings };
}

async function firstImportedId(
  db: QmDatabase,
  ids: readonly string[],
): Promise<string | undefined> {
  for (const id of ids) {
    const row = await advisoryTables(db)
      .selectFrom('advisory_ids')
      .select('alias')
      .where('alias', '=', id)
      .executeTakeFirst();
    if (row) return id;
  }
  return undefined;
}

function packageProblem(
  scope: Scope,
  named: readonly string[],
  advisoryId: string,
): string | undefined {
  if (!scope.purl) return undefined;
  const { packagePurl } = normalizeDecisionPurl(scope.purl);
  if (named.includes(packagePurl)) return undefined;
  return `${advisoryId} does not name ${packagePurl} (it names ${named.join(', ')})`;
}

/** Looks services up once each; undefined for one not in the store. */
class ServiceNames {
  private readonly known = new Map<string, string | undefined>();
  constructor(private readonly db: QmDatabase) {}

  async resolve(ref: string): Promise<string | undefined> {
    if (!this.known.has(ref)) this.known.set(ref, await this.lookUp(ref));
    return this.known.get(ref);
  }

  private async lookUp(ref: string): Promise<string | undefined> {
    try {
      const row = await findService(this.db, ref);
      return `${row.namespace}/${row.name}`;
    } catch (error) {
      if (error instanceof QuartermasterError) return undefined;
      throw error;
    }
  }
}

function purlOf(text: string): { purl: string } | { problem: string } {
  try {
    return { purl: normalizeDecisionPurl(text).purl };
  } catch (error) {
    return { problem: (error as Error).message.replace(/;.*$/, '') };
  }
}

async function scopesOf(
  s: VexStatement,
  services: ServiceNames,
): Promise<Scoped> {
  const own = s.own;
  const productNamesService = s.products.some((p) => serviceOfUrn(p.id));
  // Our own export states its scope exactly; trusted unless the products
  // name a service the fields leave out (then the products narrow it).
  if (own?.status && own.author && (own.service || !productNamesService))
    return ownScope(own.service, own.purl, services);
  const scopes: Scope[] = [];
  for (const product of s.products) {
    const scoped = await productScopes(product, own?.service, services);
    if ('problem' in scoped) return scoped;
    scopes.push(...scoped.scopes);
  }
  return { scopes };
}

async function ownScope(
  serviceRef: string | undefined,
  purlText: string | undefined,
  services: ServiceNames,
): Promise<Scoped> {
  const service = serviceRef && (await services.resolve(serviceRef));
  if (serviceRef && !service)
    return {
      problem: `quartermaster.service "${serviceRef}" is not in the store`,
    };
  if (!purlText) return { scopes: [{ service: service || undefined }] };
  const purl = purlOf(purlText);
  if ('problem' in purl) return purl;
  return { scopes: [{ service: service || undefined, purl: purl.purl }] };
}

/**
 * A product naming a known service (by our URN, or our field beside a
 * bare package) scopes to it; a bare package purl is organisation-wide.
 */
async function productScopes(
  product: VexProduct,
  ownService: string | undefined,
  services: ServiceNames,
): Promise<Scoped> {
  const serviceRef = serviceOfUrn(product.id) ?? ownService;
  const isService = serviceOfUrn(product.id) !== undefined;
  if (!serviceRef && product.subcomponents.length > 0)
    return {
      problem: `product "${product.id}" has subcomponents but names no service Quartermaster knows, so it is not applied to those packages everywhere`,
    };
  const service = serviceRef && (await services.resolve(serviceRef));
  if (serviceRef && !service)
    return {
      problem: `product "${product.id}" names service "${serviceRef}", which is not in the store`,
    };
  const packages =
    product.subcomponents.length > 0
      ? product.subcomponents
      : isService
        ? []
        : [product.id];
  if (packages.length === 0)
    return { scopes: [{ service: service || undefined }] };
  const scopes: Scope[] = [];
  for (const text of packages) {
    const purl = purlOf(text);
    if ('problem' in purl) return purl;
    scopes.push({ service: service || undefined, purl: purl.purl });
  }
  return { scopes };
}
