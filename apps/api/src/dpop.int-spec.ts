import { request as httpRequest } from 'node:http';
import { createServer as createTcpServer, type Socket } from 'node:net';
import {
  createDpopKey,
  dpopProof,
  TestIssuer,
  type DpopKey,
  type DpopProofOptions,
} from '@oracle-ai/api/testing-issuer';
import { startApi, type RunningApi } from '@oracle-ai/shared/testing-api';
import { startRedis, type RunningRedis } from '@oracle-ai/shared/testing-redis';

jest.setTimeout(60_000);

interface Answer {
  status: number;
  code: string | undefined;
  challenge: string | undefined;
  nonce: string | undefined;
  body: Record<string, unknown>;
}

/** Sender-constrained tokens (RFC 9449) through the built API: every refusal, replays, modes. */
describe('built API with DPoP', () => {
  let issuer: TestIssuer;
  let key: DpopKey;

  beforeAll(async () => {
    issuer = await TestIssuer.start();
    key = await createDpopKey();
  });

  afterAll(() => issuer.stop());

  /** The built API; its API_PUBLIC_URL is its own loopback URL, the one the proofs name. */
  function api(env: Record<string, string> = {}): Promise<RunningApi> {
    return startApi({ issuer: issuer.issuer, env });
  }

  const bound = (dpopKey: DpopKey = key) => issuer.mint({ claims: { cnf: { jkt: dpopKey.jkt } } });

  /** One request with exactly the Authorization and DPoP lines given (none, one or several). */
  function call(
    target: RunningApi,
    path: string,
    headers: [string, string][],
    method = 'GET',
  ): Promise<Answer> {
    const { hostname, port } = new URL(target.url);
    return new Promise((resolve, reject) => {
      const request = httpRequest(
        // Raw header lines, so a test can send a header twice; Host then is ours to send.
        {
          hostname,
          port,
          path,
          method,
          headers: [['Host', `${hostname}:${port}`], ...headers].flat() as never,
        },
        (response) => {
          let text = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => (text += chunk));
          response.on('end', () => {
            const body = text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
            resolve({
              status: response.statusCode ?? 0,
              code: body['code'] as string | undefined,
              challenge: response.headers['www-authenticate'],
              nonce: response.headers['dpop-nonce'] as string | undefined,
              body,
            });
          });
        },
      );
      request.on('error', reject);
      request.end();
    });
  }

  async function withProof(
    target: RunningApi,
    token: string,
    options: Partial<DpopProofOptions> & { dpopKey?: DpopKey; path?: string } = {},
  ): Promise<Answer> {
    const path = options.path ?? '/api/me';
    const proof = await dpopProof(options.dpopKey ?? key, {
      htm: 'GET',
      htu: `${target.url}${path}`,
      accessToken: token,
      ...options,
    });
    return call(target, path, [
      ['Authorization', `DPoP ${token}`],
      ['DPoP', proof],
    ]);
  }

  describe('AUTH_DPOP=allowed (the default), memory replay store', () => {
    let allowed: RunningApi;

    beforeAll(async () => {
      allowed = await api();
    });

    afterAll(() => allowed.stop());

    it('a bound token with a proof by its key → 200, and /api/me says it is bound', async () => {
      const answer = await withProof(allowed, await bound());
      expect([answer.status, answer.body['dpopBound']]).toEqual([200, true]);
      const unbound = await call(allowed, '/api/me', [
        ['Authorization', `Bearer ${await issuer.mint()}`],
      ]);
      expect([unbound.status, unbound.body['dpopBound']]).toEqual([200, false]);
    });

    it('a captured request replayed with the same proof → 401 invalid_dpop_proof', async () => {
      const token = await bound();
      const proof = await dpopProof(key, {
        htm: 'GET',
        htu: `${allowed.url}/api/me`,
        accessToken: token,
      });
      const captured: [string, string][] = [
        ['Authorization', `DPoP ${token}`],
        ['DPoP', proof],
      ];
      expect((await call(allowed, '/api/me', captured)).status).toBe(200);
      const replay = await call(allowed, '/api/me', captured);
      expect([replay.status, replay.code, replay.body['message']]).toEqual([
        401,
        'invalid_dpop_proof',
        'The DPoP proof was used before',
      ]);
    });

    it('the same token with a proof from another key → 401 invalid_dpop_proof', async () => {
      const thief = await createDpopKey();
      const answer = await withProof(allowed, await bound(), { dpopKey: thief });
      expect([answer.status, answer.code]).toEqual([401, 'invalid_dpop_proof']);
      expect(answer.challenge).toMatch(/^DPoP realm="oracle-ai", error="invalid_dpop_proof"/);
      expect(answer.challenge).toContain('algs="ES256 PS256 EdDSA"');
      expect(answer.challenge).toContain(`resource_metadata="${allowed.url}/.well-known/`);
    });

    it('the bound token alone as Bearer → 401 invalid_token with a DPoP challenge', async () => {
      const answer = await call(allowed, '/api/me', [['Authorization', `Bearer ${await bound()}`]]);
      expect([answer.status, answer.code]).toEqual([401, 'invalid_token']);
      expect(answer.challenge).toMatch(/^DPoP realm="oracle-ai", error="invalid_token"/);
    });

    it('an unbound token with the DPoP scheme → 401 invalid_token', async () => {
      const answer = await withProof(allowed, await issuer.mint());
      expect([answer.status, answer.code]).toEqual([401, 'invalid_token']);
      expect(answer.challenge).toMatch(/^DPoP /);
    });

    it.each<[string, Partial<DpopProofOptions> & { path?: string }, string]>([
      ['typ JWT', { header: { typ: 'JWT' } }, 'typ "dpop+jwt"'],
      ['another method', { htm: 'POST' }, 'another method'],
      ['another URL', { path: '/api/chat' }, 'another URL'],
      ['an iat 2 minutes old', { iat: Math.floor(Date.now() / 1000) - 120 }, 'too old'],
      ['an iat a minute ahead', { iat: Math.floor(Date.now() / 1000) + 60 }, 'from the future'],
      ['the ath of another token', { accessToken: 'other' }, 'another access token'],
      ['no jti', { claims: { jti: undefined } }, 'needs a jti'],
    ])('a proof with %s → 401 invalid_dpop_proof', async (_name, options, message) => {
      const token = await bound();
      const path = options.path;
      const proof = await dpopProof(key, {
        htm: 'GET',
        htu: `${allowed.url}${path ?? '/api/me'}`,
        accessToken: token,
        ...options,
      });
      const answer = await call(allowed, '/api/me', [
        ['Authorization', `DPoP ${token}`],
        ['DPoP', proof],
      ]);
      expect([answer.status, answer.code]).toEqual([401, 'invalid_dpop_proof']);
      expect(answer.body['message']).toContain(message);
    });

    it('a proof that is forged, not a JWS, critical, keyless, of the wrong key type or with a non-string nonce → 401 invalid_dpop_proof', async () => {
      const token = await bound();
      const { CompactSign, exportJWK, generateKeyPair } = await import('jose');
      const honest = (options: Partial<DpopProofOptions> = {}) =>
        dpopProof(key, {
          htm: 'GET',
          htu: `${allowed.url}/api/me`,
          accessToken: token,
          ...options,
        });
      const forged = await honest();
      const signature = forged.slice(forged.lastIndexOf('.') + 1);
      const flipped = `${forged.slice(0, forged.lastIndexOf('.') + 1)}${signature[0] === 'A' ? 'B' : 'A'}${signature.slice(1)}`;
      // jose signs a crit header only when told the extension is understood; the API is not.
      const [, payload = ''] = forged.split('.');
      const critical = await new CompactSign(Buffer.from(payload, 'base64url'))
        .setProtectedHeader({
          alg: 'ES256',
          typ: 'dpop+jwt',
          jwk: key.publicJwk,
          crit: ['x-ext'],
          'x-ext': 1,
        } as never)
        .sign(key.privateKey, { crit: { 'x-ext': true } });
      const rsa = await exportJWK(
        (await generateKeyPair('RS256', { extractable: true })).publicKey,
      );
      const cases: [string, string][] = [
        ['The DPoP proof signature is invalid', flipped],
        ['The DPoP proof is not a compact JWS', 'not.a-jws'],
        ['The DPoP proof uses an unsupported JOSE feature', critical],
        [
          'The DPoP proof must carry its public key in "jwk"',
          await honest({ header: { jwk: undefined } }),
        ],
        ['The DPoP proof key does not fit its algorithm', await honest({ header: { jwk: rsa } })],
        ['The DPoP proof nonce is malformed', await honest({ claims: { nonce: 42 } })],
      ];
      for (const [message, proof] of cases) {
        const answer = await call(allowed, '/api/me', [
          ['Authorization', `DPoP ${token}`],
          ['DPoP', proof],
        ]);
        expect([answer.status, answer.code, answer.body['message']]).toEqual([
          401,
          'invalid_dpop_proof',
          message,
        ]);
        expect(answer.challenge).toMatch(/^DPoP .*error="invalid_dpop_proof"/);
      }
      // The same token with an honest proof still passes: each refusal was the proof's.
      expect((await withProof(allowed, token)).status).toBe(200);
    });

    it('a proof signed with an algorithm outside AUTH_DPOP_ALGORITHMS → 401 invalid_dpop_proof', async () => {
      const es384 = await createDpopKey('ES384');
      const answer = await withProof(allowed, await bound(es384), { dpopKey: es384 });
      expect([answer.status, answer.code, answer.body['message']]).toEqual([
        401,
        'invalid_dpop_proof',
        'The DPoP proof is signed with an algorithm this API does not accept',
      ]);
    });

    it('a proof carrying a private key, no proof, or two DPoP headers → 401 invalid_dpop_proof', async () => {
      const token = await bound();
      const { exportJWK, generateKeyPair } = await import('jose');
      const { privateKey } = await generateKeyPair('ES256', { extractable: true });
      const leaky = await dpopProof(
        { ...key, privateKey, publicJwk: await exportJWK(privateKey) },
        { htm: 'GET', htu: `${allowed.url}/api/me`, accessToken: token },
      );
      const proof = () =>
        dpopProof(key, { htm: 'GET', htu: `${allowed.url}/api/me`, accessToken: token });
      const cases: [string, [string, string][]][] = [
        ['must be a public key', [['DPoP', leaky]]],
        ['A DPoP proof is required', []],
        [
          'more than one',
          [
            ['DPoP', await proof()],
            ['DPoP', await proof()],
          ],
        ],
      ];
      for (const [message, proofHeaders] of cases) {
        const answer = await call(allowed, '/api/me', [
          ['Authorization', `DPoP ${token}`],
          ...proofHeaders,
        ]);
        expect([answer.status, answer.code, answer.body['message']]).toEqual([
          401,
          'invalid_dpop_proof',
          expect.stringContaining(message),
        ]);
      }
    });

    it('the verified token stays cached: a new proof per request keeps passing', async () => {
      const token = await bound();
      for (let i = 0; i < 5; i++) expect((await withProof(allowed, token)).status).toBe(200);
    });

    it('publishes the proof algorithms, and CORS lets the SPA send DPoP and read DPoP-Nonce', async () => {
      const metadata = await (
        await fetch(`${allowed.url}/.well-known/oauth-protected-resource`)
      ).json();
      expect(metadata).toMatchObject({
        dpop_signing_alg_values_supported: ['ES256', 'PS256', 'EdDSA'],
        dpop_bound_access_tokens_required: false,
      });
      const preflight = await fetch(`${allowed.url}/api/me`, {
        method: 'OPTIONS',
        headers: {
          origin: 'http://localhost:4200',
          'access-control-request-method': 'GET',
          'access-control-request-headers': 'authorization,dpop',
        },
      });
      expect(preflight.headers.get('access-control-allow-headers')?.toLowerCase()).toContain(
        'dpop',
      );
      const refused = await fetch(`${allowed.url}/api/me`, {
        headers: { origin: 'http://localhost:4200' },
      });
      expect(refused.headers.get('access-control-expose-headers')).toContain('DPoP-Nonce');
    });
  });

  it('AUTH_DPOP=required: Bearer tokens are refused with a DPoP challenge', async () => {
    const required = await api({ AUTH_DPOP: 'required' });
    try {
      const bearer = await call(required, '/api/me', [
        ['Authorization', `Bearer ${await issuer.mint()}`],
      ]);
      expect([bearer.status, bearer.code]).toEqual([401, 'invalid_token']);
      expect(bearer.challenge).toMatch(/^DPoP realm="oracle-ai", error="invalid_token"/);
      const none = await call(required, '/api/me', []);
      expect([none.status, none.code]).toEqual([401, 'missing_token']);
      expect(none.challenge).toMatch(/^DPoP realm="oracle-ai", algs="ES256 PS256 EdDSA"/);
      expect((await withProof(required, await bound())).status).toBe(200);
    } finally {
      await required.stop();
    }
  });

  it('AUTH_DPOP=off: the DPoP scheme is no token, and a bound token is still refused as Bearer', async () => {
    const off = await api({ AUTH_DPOP: 'off' });
    try {
      expect((await withProof(off, await bound())).code).toBe('missing_token');
      const asBearer = await call(off, '/api/me', [['Authorization', `Bearer ${await bound()}`]]);
      expect([asBearer.status, asBearer.code]).toEqual([401, 'invalid_token']);
      const metadata = await (
        await fetch(`${off.url}/.well-known/oauth-protected-resource`)
      ).json();
      expect(metadata).not.toHaveProperty('dpop_signing_alg_values_supported');
    } finally {
      await off.stop();
    }
  });

  it('AUTH_DPOP_NONCE=on: a proof without the nonce gets use_dpop_nonce and the nonce to use', async () => {
    const secret = 'a shared secret of at least 32 characters';
    const withNonce = await api({ AUTH_DPOP_NONCE: 'on', AUTH_DPOP_NONCE_SECRET: secret });
    const other = await api({ AUTH_DPOP_NONCE: 'on', AUTH_DPOP_NONCE_SECRET: secret });
    try {
      const token = await bound();
      const first = await withProof(withNonce, token);
      expect([first.status, first.code]).toEqual([401, 'use_dpop_nonce']);
      expect(first.challenge).toMatch(/^DPoP realm="oracle-ai", error="use_dpop_nonce"/);
      expect(first.nonce).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect((await withProof(withNonce, token, { nonce: first.nonce })).status).toBe(200);
      // Derived from the shared secret: another instance accepts it too.
      expect((await withProof(other, token, { nonce: first.nonce })).status).toBe(200);
      expect((await withProof(withNonce, token, { nonce: 'forged' })).code).toBe('use_dpop_nonce');
    } finally {
      await withNonce.stop();
      await other.stop();
    }
  });

  it('a replay store that stops answering: 503 replay_store_unavailable within its timeout, never a pass', async () => {
    // Speaks just enough RESP to pass the client's ready check (INFO), then never answers SET.
    const sockets = new Set<Socket>();
    let sets = 0;
    const stalled = createTcpServer((socket) => {
      sockets.add(socket);
      socket.on('data', (data) => {
        if (/INFO/i.test(data.toString('latin1'))) {
          const info = '# Server\r\nloading:0\r\n';
          socket.write(`$${info.length}\r\n${info}\r\n`);
        } else if (/SET/i.test(data.toString('latin1'))) sets++;
      });
    });
    await new Promise<void>((resolve) => stalled.listen(0, '127.0.0.1', resolve));
    const { port } = stalled.address() as { port: number };
    const target = await api({ AUTH_DPOP_REPLAY_STORE: `redis://127.0.0.1:${port}` });
    try {
      const token = await bound();
      // Until the client has passed its ready check it refuses commands at once (no offline
      // queue) — also a 503. Ask until a SET has reached the stalled store, which on a busy
      // machine may take a few requests: every answer, before and after, must be the refusal.
      const deadline = Date.now() + 15_000;
      let stalledAnswers = 0;
      while (stalledAnswers < 3) {
        if (Date.now() > deadline) throw new Error(`no SET reached the stalled store (${sets})`);
        const setsBefore = sets;
        const started = Date.now();
        const answer = await withProof(target, token);
        expect([answer.status, answer.code]).toEqual([503, 'replay_store_unavailable']);
        if (sets > setsBefore) {
          stalledAnswers++;
          // The store's 250 ms command timeout, plus the request's own path: never a hang.
          expect(Date.now() - started).toBeLessThan(5_000);
        }
      }
    } finally {
      await target.stop();
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => stalled.close(resolve));
    }
  });

  describe('a replay against a second instance', () => {
    let redis: RunningRedis;

    beforeAll(async () => {
      redis = await startRedis();
    });

    afterAll(() => redis.stop());

    /** One proof used on `first`, then replayed byte for byte on `second`. */
    async function replayAcross(first: RunningApi, second: RunningApi): Promise<[number, number]> {
      const token = await bound();
      // The proof names the URL both instances are reached by (as behind one load balancer).
      const proof = await dpopProof(key, {
        htm: 'GET',
        htu: 'https://api.example.com/api/me',
        accessToken: token,
      });
      const headers: [string, string][] = [
        ['Authorization', `DPoP ${token}`],
        ['DPoP', proof],
      ];
      return [
        (await call(first, '/api/me', headers)).status,
        (await call(second, '/api/me', headers)).status,
      ];
    }

    const behindOneUrl = { API_PUBLIC_URL: 'https://api.example.com' };

    it('with the shared Redis store, the second instance refuses it; Redis down → 503', async () => {
      const store = { ...behindOneUrl, AUTH_DPOP_REPLAY_STORE: redis.url };
      const [a, b] = [await api(store), await api(store)];
      try {
        expect(await replayAcross(a, b)).toEqual([200, 401]);
        await redis.stop();
        const down = await withProof(a, await bound(), { htu: 'https://api.example.com/api/me' });
        expect([down.status, down.code]).toEqual([503, 'replay_store_unavailable']);
      } finally {
        await a.stop();
        await b.stop();
      }
    });

    it('with the per-instance memory store, only the instance that saw it refuses it', async () => {
      const [a, b] = [await api(behindOneUrl), await api(behindOneUrl)];
      try {
        expect(await replayAcross(a, b)).toEqual([200, 200]);
        expect(await replayAcross(a, a)).toEqual([200, 401]);
      } finally {
        await a.stop();
        await b.stop();
      }
    });
  });
});
