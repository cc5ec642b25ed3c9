import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How the fake source answers one request. */
export type Reply =
  | { status: number; body?: string | Uint8Array; headers?: Record<string, string> }
  /** Sends the headers and part of the body, then nothing more. */
  | { stall: string }
  /** Promises `length` bytes, sends `body`, then closes the connection. */
  | { truncate: string; length: number };

export interface FakeSource {
  /** Base address, ending with a slash. */
  url: string;
  /** Request paths in the order they arrived. */
  requests: string[];
  close: () => Promise<void>;
}

const contentType = (path: string) =>
  path.endsWith('.json') ? 'application/json' : path.endsWith('.csv') ? 'text/csv' : 'text/plain';

/**
 * An HTTP server on 127.0.0.1 (a free port) serving `files` by path. `faults` override a path:
 * a single reply for every request, or a list consumed one request at a time (the last one
 * repeats). Other paths answer 404.
 */
export async function startFakeSource(
  files: Record<string, string | Uint8Array>,
  faults: Record<string, Reply | Reply[]> = {},
): Promise<FakeSource> {
  const requests: string[] = [];
  const seen = new Map<string, number>();
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    requests.push(path);
    const count = seen.get(path) ?? 0;
    seen.set(path, count + 1);
    const fault = faults[path];
    const reply: Reply = Array.isArray(fault)
      ? fault[Math.min(count, fault.length - 1)]!
      : (fault ??
        (path in files
          ? { status: 200, body: files[path]!, headers: { 'content-type': contentType(path) } }
          : { status: 404, body: 'Not Found' }));
    if ('stall' in reply) {
      response.writeHead(200, { 'content-type': contentType(path) });
      response.write(reply.stall);
      return;
    }
    if ('truncate' in reply) {
      response.writeHead(200, {
        'content-type': contentType(path),
        'content-length': String(reply.length),
      });
      response.write(reply.truncate);
      setTimeout(() => response.socket?.destroy(), 20);
      return;
    }
    response.writeHead(reply.status, reply.headers ?? {});
    response.end(reply.body ?? '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
