import type { Selectable } from 'kysely';
import { NotFoundError } from '../core/errors.js';
import type { QmDatabase, ServicesTable } from '../store/database.js';

/**
 * Reads a service by `name`, `namespace/name` or a `component:` entity ref.
 * A bare name looks in every namespace and must be unambiguous.
 */
export async function findService(
  db: QmDatabase,
  ref: string,
): Promise<Selectable<ServicesTable>> {
  const bare = ref.trim().replace(/^component:/i, '');
  const slash = bare.indexOf('/');
  let query = db.selectFrom('services').selectAll();
  query =
    slash > 0
      ? query
          .where('namespace', '=', bare.slice(0, slash))
          .where('name', '=', bare.slice(slash + 1))
      : query.where('name', '=', bare);
  const rows = await query.orderBy('namespace').execute();
  if (rows.length === 1) return rows[0]!;
  if (rows.length === 0) {
    throw new NotFoundError(
      'ERR_SERVICE_NOT_FOUND',
      `no service "${ref}" in the store; give its name or namespace/name ` +
        'as `quartermaster services` lists it, or scan its repository first',
    );
  }
  throw new NotFoundError(
    'ERR_SERVICE_AMBIGUOUS',
    `"${ref}" names services in several namespaces ` +
      `(${rows.map((r) => r.namespace).join(', ')}); give namespace/name`,
  );
}
