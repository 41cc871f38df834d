import { createServer } from 'node:http';
import { closeServer, listenOnLoopback } from '@oracle-ai/shared/util-loopback-server';
import type { SimulatedExporter } from './model/simulated-exporter';
import { renderTextFormat, TEXT_FORMAT_CONTENT_TYPE } from './exposition/text-format';

export interface ExporterServer {
  port: number;
  close(): Promise<void>;
}

const INDEX = `dev-metrics: a stand-in for Oracle's database metrics exporter, serving simulated
figures for development and tests. Metrics: /metrics
`;

/** Serves `/metrics` on 127.0.0.1 only, computed from the workload model at the time of each scrape. */
export async function startExporterServer(
  exporter: SimulatedExporter,
  port: number,
  clock: () => number = () => Date.now() / 1000,
): Promise<ExporterServer> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' });
      res.end('method not allowed\n');
    } else if (path === '/metrics') {
      res.writeHead(200, { 'content-type': TEXT_FORMAT_CONTENT_TYPE, 'cache-control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : renderTextFormat(exporter.familiesAt(clock())));
    } else if (path === '/') {
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(INDEX);
    } else {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('not found\n');
    }
  });
  return { port: await listenOnLoopback(server, port), close: () => closeServer(server) };
}
