import { readFile } from 'node:fs/promises';
import { createServer, Server } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Serves the built SPA like a production web server would: static files, `config.json` generated
 * for this run, and index.html for every other path (client-side routes).
 */
export async function startStaticSpaServer(options: {
  root: string;
  port: number;
  config: unknown;
}): Promise<Server> {
  const root = normalize(options.root);
  const indexHtml = await readFile(join(root, 'index.html'));
  const configJson = JSON.stringify(options.config);

  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    if (path === '/config.json') {
      res.writeHead(200, { 'content-type': CONTENT_TYPES['.json'], 'cache-control': 'no-store' });
      res.end(configJson);
      return;
    }
    const file = normalize(join(root, path));
    const insideRoot = file.startsWith(root + sep);
    if (!insideRoot || extname(file) === '') {
      res.writeHead(200, { 'content-type': CONTENT_TYPES['.html'] });
      res.end(indexHtml);
      return;
    }
    readFile(file).then(
      (body) => {
        res.writeHead(200, {
          'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
        });
        res.end(body);
      },
      () => {
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end('not found');
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(options.port, '127.0.0.1', resolve));
  return server;
}
