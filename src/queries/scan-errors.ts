import type { QmDatabase } from '../store/database.js';

export interface ScanInfo {
  id: number;
  startedAt: string;
  finishedAt: string | null;
  status: string;
  counts: Record<string, number>;
}

export interface ScanErrorEntry {
  service: { namespace: string; name: string } | null;
  repository: string | null;
  file: string | null;
  line: number | null;
  code: string;
  message: string;
}

/** The `--json` shape of a scan's error summary. */
export interface ScanErrorsResult {
  /** Null when no scan has run (or the id is unknown). */
  scan: ScanInfo | null;
  errors: ScanErrorEntry[];
}

/** The errors of one scan, by default the latest, in the order they came. */
export async function scanErrors(
  db: QmDatabase,
  options: { scanId?: number } = {},
): Promise<ScanErrorsResult> {
  let query = db.selectFrom('scans').selectAll();
  query =
    options.scanId === undefined
      ? query.orderBy('id', 'desc').limit(1)
      : query.where('id', '=', options.scanId);
  const scan = await query.executeTakeFirst();
  if (!scan) return { scan: null, errors: [] };
  const rows = await db
    .selectFrom('scan_errors')
    .selectAll()
    .where('scan_id', '=', scan.id)
    .orderBy('id')
    .execute();
  return {
    scan: {
      id: scan.id,
      startedAt: scan.started_at,
      finishedAt: scan.finished_at,
      status: scan.status,
      counts: JSON.parse(scan.counts) as Record<string, number>,
    },
    errors: rows.map((r) => ({
      service:
        r.service_name === null
          ? null
          : {
              namespace: r.service_namespace ?? 'default',
              name: r.service_name,
            },
      repository: r.repository,
      file: r.file,
      line: r.line,
      code: r.code,
      message: r.message,
    })),
  };
}
