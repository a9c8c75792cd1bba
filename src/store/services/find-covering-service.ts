import type { QmDatabase } from '../database.js';

/**
 * The live service of a repository whose folder holds `file` most closely,
 * as stored by earlier scans: a file that fails now is charged to the
 * service it belonged to, even when that service could not be rebuilt.
 */
export async function findCoveringService(
  db: QmDatabase,
  input: { repository: string; file: string },
): Promise<{ namespace: string; name: string } | undefined> {
  const rows = await db
    .selectFrom('services')
    .select(['namespace', 'name', 'path'])
    .where('repository', '=', input.repository)
    .where('retired_at', 'is', null)
    .execute();
  const covering = rows.filter(
    (r) =>
      r.path === '' ||
      input.file === r.path ||
      input.file.startsWith(`${r.path}/`),
  );
  covering.sort((a, b) => b.path.length - a.path.length);
  const best = covering[0];
  return best ? { namespace: best.namespace, name: best.name } : undefined;
}
