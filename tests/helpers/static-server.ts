import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';

/** Content types of the files a built site holds. */
export const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
};

export interface StaticServer {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  origin: string;
  /** Every path requested so far, with the status it was answered with. */
  requests: { path: string; status: number }[];
  close: () => Promise<void>;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/**
 * Serves a built site folder on 127.0.0.1 (a free port) as a static host would: `/dir/` is
 * `dir/index.html`, `/dir` redirects to `/dir/`, and anything else missing is answered 404 with the
 * site's own 404.html. Paths cannot leave the folder.
 */
export async function serveStatic(dist: string): Promise<StaticServer> {
  const root = resolve(dist);
  const requests: StaticServer['requests'] = [];
  const server = createServer((request, response) => {
    void (async () => {
      let pathname: string;
      try {
        pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
      } catch {
        pathname = '/\0';
      }
      const file = resolve(join(root, pathname));
      const inside = file === root || file.startsWith(root + sep);
      let status = 404;
      let served = join(root, '404.html');
      if (inside && !pathname.includes('\0')) {
        if (pathname.endsWith('/') && (await isFile(join(file, 'index.html')))) {
          status = 200;
          served = join(file, 'index.html');
        } else if (!pathname.endsWith('/') && (await isFile(file))) {
          status = 200;
          served = file;
        } else if (!pathname.endsWith('/') && (await isFile(join(file, 'index.html')))) {
          requests.push({ path: pathname, status: 301 });
          response.writeHead(301, { Location: `${pathname}/` }).end();
          return;
        }
      }
      requests.push({ path: pathname, status });
      const body = await readFile(served).catch(() => Buffer.from('Not found'));
      response.writeHead(status, {
        'Content-Type': CONTENT_TYPES[extname(served)] ?? 'application/octet-stream',
        'Content-Length': body.length,
      });
      response.end(request.method === 'HEAD' ? undefined : body);
    })();
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((done, fail) => {
        server.closeAllConnections();
        server.close((error) => (error ? fail(error) : done()));
      }),
  };
}
