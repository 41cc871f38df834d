import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeProtectedHeader, EmbeddedJWK, jwtVerify } from 'jose';
import { authorizedFetch } from './authorized-fetch';
import { createDpopKey } from './dpop-key';

interface Received {
  method?: string;
  url?: string;
  headers: IncomingMessage['headers'];
  body: string;
}

describe('authorizedFetch', () => {
  let server: Server;
  let origin: string;
  let received: Received[];
  let answer: (req: IncomingMessage, res: ServerResponse, count: number) => void;

  beforeEach(async () => {
    received = [];
    answer = (_req, res) => res.end('{"ok":true}');
    server = createServer(async (req, res) => {
      let body = '';
      for await (const chunk of req) body += chunk;
      received.push({ method: req.method, url: req.url, headers: req.headers, body });
      answer(req, res, received.length);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterEach(() => {
    server.closeAllConnections();
    server.close();
  });

  const credentials = {
    issuer: 'http://localhost:4400',
    clientId: 'oracle-ai-cli',
    accessToken: 'tok',
  };

  it('sends the token as Bearer, with the method, headers and body given', async () => {
    const response = await authorizedFetch(credentials)({
      url: new URL('/api/chat/completions', origin),
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"stream":true}',
    });
    expect(await response.json()).toEqual({ ok: true });
    expect(received[0]).toMatchObject({
      method: 'POST',
      url: '/api/chat/completions',
      body: '{"stream":true}',
      headers: {
        authorization: 'Bearer tok',
        'content-type': 'application/json',
        'user-agent': 'oracle-ai-cli',
      },
    });
    expect(received[0].headers['dpop']).toBeUndefined();
  });

  it('returns a 401 challenge as an answer, body intact', async () => {
    answer = (_req, res) => {
      res.writeHead(401, {
        'www-authenticate': 'Bearer realm="oracle-ai", error="invalid_token"',
        'content-type': 'application/json',
      });
      res.end('{"code":"token_expired"}');
    };
    const response = await authorizedFetch(credentials)({
      url: new URL('/api/me', origin),
      method: 'GET',
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ code: 'token_expired' });
  });

  it('presents a DPoP-bound token with a fresh proof of this request (htm, htu, ath)', async () => {
    const dpopKey = await createDpopKey();
    const call = authorizedFetch({ ...credentials, dpopKey });
    await call({ url: new URL('/api/me?x=1', origin), method: 'GET' });
    await call({ url: new URL('/api/me?x=1', origin), method: 'GET' });
    expect(received[0].headers.authorization).toBe('DPoP tok');
    const proofs = received.map((request) => request.headers['dpop'] as string);
    const { payload, protectedHeader } = await jwtVerify(proofs[0], EmbeddedJWK, {
      typ: 'dpop+jwt',
      algorithms: ['ES256'],
    });
    expect(payload).toMatchObject({
      htm: 'GET',
      htu: `${origin}/api/me`,
      ath: createHash('sha256').update('tok').digest('base64url'),
    });
    expect(protectedHeader.jwk).not.toHaveProperty('d');
    expect(decodeProtectedHeader(proofs[1]).jwk).toEqual(protectedHeader.jwk);
    const second = await jwtVerify(proofs[1], EmbeddedJWK);
    expect(second.payload.jti).not.toBe(payload.jti);
  });

  it("retries once with the API's DPoP nonce when asked for one", async () => {
    answer = (_req, res, count) => {
      if (count === 1) {
        res.writeHead(401, {
          'www-authenticate': 'DPoP error="use_dpop_nonce"',
          'dpop-nonce': 'n-1',
        });
        res.end();
        return;
      }
      res.end('{"ok":true}');
    };
    const dpopKey = await createDpopKey();
    const response = await authorizedFetch({ ...credentials, dpopKey })({
      url: new URL('/api/me', origin),
      method: 'GET',
    });
    expect(response.status).toBe(200);
    expect(received).toHaveLength(2);
    const { payload } = await jwtVerify(received[1].headers['dpop'] as string, EmbeddedJWK);
    expect(payload['nonce']).toBe('n-1');
  });

  it('never sends the token in the clear to another machine', async () => {
    await expect(
      authorizedFetch(credentials)({
        url: new URL('http://api.example.com/api/me'),
        method: 'GET',
      }),
    ).rejects.toMatchObject({ code: 'ERR_OAUTH_CONFIGURATION' });
  });

  it("ends a streaming answer when the caller's signal aborts", async () => {
    answer = (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: first\n\n');
    };
    const controller = new AbortController();
    const response = await authorizedFetch(credentials)({
      url: new URL('/api/chat/completions', origin),
      method: 'POST',
      signal: controller.signal,
    });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('data: first\n\n');
    controller.abort();
    await expect(reader.read()).rejects.toMatchObject({ name: 'AbortError' });
  });
});
