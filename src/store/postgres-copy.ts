import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/**
 * Marks a `copy <table> (<columns>) from stdin` whose only parameter is a
 * list of rows: the pool below streams them to PostgreSQL in COPY's text
 * format on the same connection, so inside the caller's transaction.
 *
 * @example
 * db.executeQuery(CompiledQuery.raw(
 *   `${COPY_MARK}copy t (a, b) from stdin`, [[[1, 'x'], [2, null]]]))
 */
export const COPY_MARK = '/* qm:copy */ ';

/** Rows per chunk written to the COPY stream. */
const ROWS_PER_CHUNK = 2_000;

/** One value in COPY's text format: `\N` for NULL, control characters escaped. */
function copyText(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  const text = String(value);
  return /[\\\t\n\r]/.test(text)
    ? text
        .replace(/\\/g, '\\\\')
        .replace(/\t/g, '\\t')
        .replace(/\n/g, '\\n')
        .replace(/\r/g, '\\r')
    : text;
}

function* copyChunks(rows: ReadonlyArray<readonly unknown[]>) {
  for (let i = 0; i < rows.length; i += ROWS_PER_CHUNK) {
    let chunk = '';
    for (const row of rows.slice(i, i + ROWS_PER_CHUNK))
      chunk += `${row.map(copyText).join('\t')}\n`;
    yield chunk;
  }
}

async function copyRows(
  client: pg.PoolClient,
  text: string,
  rows: ReadonlyArray<readonly unknown[]>,
) {
  const stream = client.query(copyFrom(text));
  await pipeline(Readable.from(copyChunks(rows)), stream);
  return { command: 'INSERT', rowCount: stream.rowCount, rows: [] };
}

const wrapped = new WeakMap<pg.PoolClient, pg.PoolClient>();

/** The client as Kysely sees it: COPY_MARK statements become COPY streams. */
function withCopyQuery(client: pg.PoolClient): pg.PoolClient {
  let proxy = wrapped.get(client);
  if (proxy) return proxy;
  const query = (text: unknown, values?: unknown[]) =>
    typeof text === 'string' && text.startsWith(COPY_MARK)
      ? copyRows(
          client,
          text.slice(COPY_MARK.length),
          values![0] as ReadonlyArray<readonly unknown[]>,
        )
      : client.query(text as string, values);
  proxy = new Proxy(client, {
    get(target, property) {
      if (property === 'query') return query;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  wrapped.set(client, proxy);
  return proxy;
}

/**
 * The pool handed to Kysely's PostgreSQL dialect, whose connections also
 * take COPY_MARK statements. COPY skips parsing one array per column as
 * `unnest` does: half a million findings load in about half the time.
 */
export function withCopy(pool: pg.Pool): pg.Pool {
  const connect = async () => withCopyQuery(await pool.connect());
  return new Proxy(pool, {
    get(target, property) {
      if (property === 'connect') return connect;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
