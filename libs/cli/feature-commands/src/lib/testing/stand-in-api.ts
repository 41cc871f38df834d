import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StandInApi {
  url: string;
  /** Requests seen: method, path, headers, body. */
  requests: { method?: string; url?: string; headers: IncomingMessage['headers']; body: string }[];
  /** What to answer; replace per test. */
  handle: (req: IncomingMessage, res: ServerResponse, body: string) => void;
  close(): void;
}

/** An HTTP server on 127.0.0.1 standing in for the API in unit tests of the commands. */
export async function standInApi(): Promise<StandInApi> {
  const server: Server = createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    api.requests.push({ method: req.method, url: req.url, headers: req.headers, body });
    api.handle(req, res, body);
  });
  const api: StandInApi = {
    url: '',
    requests: [],
    handle: (_req, res) => res.writeHead(404).end(),
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  api.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return api;
}
