/**
 * A static file server on loopback for tests: serves a folder the way a
 * remote Maven repository answers (200 with the file, 404 otherwise).
 * Test support only; nothing in production imports it.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

export interface ServedDirectory {
  url: string;
  /** Every path requested, in order. */
  requests: string[];
  /** Headers of every request, in order. */
  headers: IncomingMessage['headers'][];
  close(): Promise<void>;
}

/** Answers the next `count` requests with this status instead of the file. */
export interface FailureInjection {
  status: number;
  count: number;
}

export async function serveDirectory(
  root: string,
  failures?: FailureInjection,
): Promise<ServedDirectory> {
  const requests: string[] = [];
  const headers: IncomingMessage['headers'][] = [];
  let failuresLeft = failures?.count ?? 0;
  const server: Server = createServer((request, response) => {
    const urlPath = decodeURIComponent(
      new URL(request.url ?? '/', 'http://x').pathname,
    );
    requests.push(urlPath);
    headers.push(request.headers);
    if (failuresLeft > 0) {
      failuresLeft--;
      response.writeHead(failures?.status ?? 500).end();
      return;
    }
    const file = path.join(
      root,
      path.normalize(urlPath).replace(/^(\.\.[/\\])+/, ''),
    );
    if (!file.startsWith(root)) {
      response.writeHead(403).end();
      return;
    }
    readFile(file).then(
      (body) => response.writeHead(200).end(body),
      () => response.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    headers,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
