import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { JwksFetchError, JwksSource, MAX_DOCUMENT_BYTES, type FetchLike } from './jwks-source';

const ISSUER = 'https://sso.example.com/oidc';
const DISCOVERY = `${ISSUER}/.well-known/openid-configuration`;
const JWKS_URI = `${ISSUER}/jwks`;
const KEY = { kty: 'RSA', kid: 'k1', n: 'AQAB', e: 'AQAB' };

/** A fake IdP answering by URL; every call is recorded with its init. */
function fakeFetch(answers: Record<string, () => Response>) {
  const calls: { url: string; init: Parameters<FetchLike>[1] }[] = [];
  const fetchImpl: FetchLike = async (url, init) => {
    calls.push({ url, init });
    const answer = answers[url];
    if (answer === undefined) throw new TypeError(`fetch failed: no route for ${url}`);
    return answer();
  };
  return { fetchImpl, calls };
}

const json =
  (body: unknown, init: ResponseInit = {}) =>
  () =>
    new Response(JSON.stringify(body), {
      status: 200,
      headers: { 'content-type': 'application/json' },
      ...init,
    });
const redirectTo = (location: string) => () =>
  new Response(null, { status: 302, headers: { location } });

describe('JwksSource', () => {
  const discovery = (fetchImpl: FetchLike) =>
    new JwksSource({ kind: 'discovery', issuer: ISSUER }, fetchImpl, 1_000);

  it('discovers the key set under a path-based issuer, asking never to follow redirects', async () => {
    const idp = fakeFetch({
      [DISCOVERY]: json({ issuer: ISSUER, jwks_uri: JWKS_URI }),
      [JWKS_URI]: json({ keys: [KEY, 'junk', null, ['array']] }),
    });
    await expect(discovery(idp.fetchImpl).load()).resolves.toEqual({ keys: [KEY] });
    expect(idp.calls.map(({ url, init }) => [url, init.redirect])).toEqual([
      [DISCOVERY, 'manual'],
      [JWKS_URI, 'manual'],
    ]);
  });

  it('reports each fetch with its document, outcome and duration', async () => {
    const fetched: [string, string, number][] = [];
    const idp = fakeFetch({
      [DISCOVERY]: json({ issuer: ISSUER, jwks_uri: JWKS_URI }),
      [JWKS_URI]: json({ error: 'down' }, { status: 503 }),
    });
    // The key set answers after 50 ms: its duration shows the unit is seconds.
    const slowJwks: FetchLike = async (url, init) => {
      if (url === JWKS_URI) await new Promise((resolve) => setTimeout(resolve, 50));
      return idp.fetchImpl(url, init);
    };
    const source = new JwksSource({ kind: 'discovery', issuer: ISSUER }, slowJwks, 1_000, {
      fetched: (document, outcome, seconds) => fetched.push([document, outcome, seconds]),
    });
    await expect(source.load()).rejects.toThrow(JwksFetchError);
    expect(fetched).toEqual([
      ['discovery', 'success', expect.any(Number)],
      ['jwks', 'failure', expect.any(Number)],
    ]);
    expect(fetched[0][2]).toBeGreaterThanOrEqual(0);
    expect(fetched[1][2]).toBeGreaterThanOrEqual(0.045);
  });

  it.each([
    ['discovery', { [DISCOVERY]: redirectTo('https://evil.example.com/.well-known/x') }],
    [
      'the key set',
      {
        [DISCOVERY]: json({ issuer: ISSUER, jwks_uri: JWKS_URI }),
        [JWKS_URI]: redirectTo('https://evil.example.com/jwks'),
      },
    ],
  ])(
    'a redirect on %s is a failed fetch, and its target is never asked',
    async (_name, answers) => {
      const idp = fakeFetch(answers);
      await expect(discovery(idp.fetchImpl).load()).rejects.toThrow(
        /answered HTTP 302 \(redirects are not followed\)/,
      );
      expect(idp.calls.every(({ url }) => url.startsWith(ISSUER))).toBe(true);
    },
  );

  it('a fixed AUTH_JWKS_URI that redirects fails the same way', async () => {
    const idp = fakeFetch({ [JWKS_URI]: redirectTo('https://evil.example.com/jwks') });
    const source = new JwksSource({ kind: 'uri', jwksUri: JWKS_URI }, idp.fetchImpl, 1_000);
    await expect(source.load()).rejects.toThrow(/HTTP 302/);
  });

  it.each([
    ['plain http to a remote host', 'http://keys.example.com/jwks'],
    ['plain http to loopback under an https issuer', 'http://127.0.0.1:4400/jwks'],
    ['credentials', 'https://user:pass@sso.example.com/jwks'],
    ['a fragment', 'https://sso.example.com/jwks#x'],
    ['no URL at all', 'jwks'],
  ])('refuses a discovered jwks_uri with %s', async (_name, jwksUri) => {
    const idp = fakeFetch({ [DISCOVERY]: json({ issuer: ISSUER, jwks_uri: jwksUri }) });
    await expect(discovery(idp.fetchImpl).load()).rejects.toThrow(/no valid jwks_uri/);
    expect(idp.calls).toHaveLength(1);
  });

  it('accepts plain http on loopback for a loopback http issuer (development)', async () => {
    const issuer = 'http://localhost:4400';
    const idp = fakeFetch({
      [`${issuer}/.well-known/openid-configuration`]: json({
        issuer,
        jwks_uri: 'http://localhost:4400/jwks',
      }),
      'http://localhost:4400/jwks': json({ keys: [KEY] }),
    });
    const source = new JwksSource({ kind: 'discovery', issuer }, idp.fetchImpl, 1_000);
    await expect(source.load()).resolves.toEqual({ keys: [KEY] });
  });

  it('refuses a declared length over the limit without reading the body', async () => {
    let pulled = 0;
    const body = new ReadableStream({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(1024));
      },
    });
    const idp = fakeFetch({
      [JWKS_URI]: () =>
        new Response(body, { headers: { 'content-length': String(MAX_DOCUMENT_BYTES + 1) } }),
    });
    const source = new JwksSource({ kind: 'uri', jwksUri: JWKS_URI }, idp.fetchImpl, 1_000);
    await expect(source.load()).rejects.toThrow(/reading stopped/);
    expect(pulled).toBeLessThanOrEqual(2);
  });

  it('refuses a body that is not UTF-8 JSON', async () => {
    const idp = fakeFetch({ [JWKS_URI]: () => new Response(new Uint8Array([0x7b, 0xff, 0x7d])) });
    const source = new JwksSource({ kind: 'uri', jwksUri: JWKS_URI }, idp.fetchImpl, 1_000);
    await expect(source.load()).rejects.toThrow(JwksFetchError);
    await expect(source.load()).rejects.toThrow(/did not return JSON/);
  });

  describe('over real HTTP', () => {
    let server: Server;
    let sent = 0;
    let closed: Promise<void>;

    beforeEach(async () => {
      sent = 0;
      let onClose: () => void = () => undefined;
      closed = new Promise((resolve) => (onClose = resolve));
      // An endless key set with no declared length: only counting can stop it.
      server = createServer((_request, response) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        let open = true;
        response.once('close', () => {
          open = false;
          onClose();
        });
        const chunk = Buffer.alloc(16 * 1024, ' ');
        const pump = () => {
          while (open) {
            sent += chunk.length;
            if (!response.write(chunk)) return void response.once('drain', pump);
          }
        };
        response.write('{"keys":[');
        pump();
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    });

    afterEach(async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    });

    it.each([
      ['key set', (origin: string) => ({ kind: 'uri' as const, jwksUri: `${origin}/jwks` })],
      ['discovery document', (origin: string) => ({ kind: 'discovery' as const, issuer: origin })],
    ])('stops reading an endless %s at the limit and drops the connection', async (_, config) => {
      const { port } = server.address() as AddressInfo;
      const source = new JwksSource(
        config(`http://127.0.0.1:${port}`),
        (url, init) => fetch(url, init),
        5_000,
      );
      await expect(source.load()).rejects.toThrow(/over 524288 bytes; reading stopped/);
      await closed;
      // The limit plus what the loopback socket buffers held when the connection was dropped.
      expect(sent).toBeLessThan(16 * 1024 * 1024);
    });
  });
});
