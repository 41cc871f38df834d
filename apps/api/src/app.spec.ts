import { createHmac, createPrivateKey, sign as nodeSign } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { createSigningKey, TestIssuer } from '@oracle-ai/api/testing-issuer';
import type { ApiErrorBody, MeResponse } from '@oracle-ai/shared/util-api-contract';
import { exportJWK } from 'jose';
import { buildApp } from './app';
import { testConfig } from './testing/test-config';

const b64url = (value: unknown) =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

describe('API authentication and authorization', () => {
  let issuer: TestIssuer;
  let app: FastifyInstance;

  beforeAll(async () => {
    issuer = await TestIssuer.start();
    app = await buildApp(testConfig(issuer.issuer), { logger: false });
    await app.ready();
  });

  afterAll(async () => {
    await app.close();
    await issuer.stop();
  });

  const get = (url: string, headers: Record<string, string> = {}) =>
    app.inject({ method: 'GET', url, headers });
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  async function expectRejected(
    response: Awaited<ReturnType<typeof get>>,
    status: number,
    code: string,
    rfc6750Error?: string,
  ): Promise<ApiErrorBody> {
    const body = response.json<ApiErrorBody>();
    expect({ status: response.statusCode, code: body.code }).toEqual({ status, code });
    expect(body.statusCode).toBe(status);
    expect(typeof body.message).toBe('string');
    if (status === 401 || status === 400 || status === 403) {
      const challenge = response.headers['www-authenticate'];
      expect(challenge).toMatch(/^Bearer realm="oracle-ai"/);
      if (rfc6750Error) expect(challenge).toContain(`error="${rfc6750Error}"`);
      else expect(challenge).toBe('Bearer realm="oracle-ai"');
    }
    return body;
  }

  describe('accepted tokens', () => {
    it('GET /api/me returns the caller and the access the API computed', async () => {
      const token = await issuer.mint();
      const response = await get('/api/me', bearer(token));
      expect(response.statusCode).toBe(200);
      const me = response.json<MeResponse>();
      expect(me).toEqual({
        sub: 'user-alice',
        username: 'alice',
        name: 'Alice Example',
        email: 'alice@example.com',
        groups: ['database', 'oracle-ai-users'],
        access: { chat: true, analytics: true },
        expiresAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      });
    });

    it('accepts the scheme in any case, typ JWT, an audience array and a token without typ', async () => {
      const tokens = [
        await issuer.mint({ header: { typ: 'JWT' } }),
        await issuer.mint({ claims: { aud: ['other', 'oracle-ai-api'] } }),
        await issuer.mint({ header: { typ: undefined } }),
      ];
      for (const token of tokens) {
        // RFC 6750 §2.1: the scheme in any case, then one or more spaces.
        expect((await get('/api/me', { authorization: `bEaReR  ${token}` })).statusCode).toBe(200);
      }
    });

    it('accepts a token expired within the clock tolerance', async () => {
      const now = Math.floor(Date.now() / 1000);
      const token = await issuer.mint({ claims: { exp: now - 10 } });
      expect((await get('/api/me', bearer(token))).statusCode).toBe(200);
    });

    it('GET /api/chat and /api/analytics answer with resources naming the user', async () => {
      const token = await issuer.mint();
      const chat = await get('/api/chat', bearer(token));
      expect(chat.statusCode).toBe(200);
      expect(chat.json()).toMatchObject({ user: 'alice' });
      const analytics = await get('/api/analytics', bearer(token));
      expect(analytics.statusCode).toBe(200);
      expect(analytics.json()).toMatchObject({ user: 'alice', metrics: expect.any(Array) });
    });
  });

  describe('requests without a usable bearer token', () => {
    it('no Authorization header → 401 missing_token with a bare challenge', async () => {
      await expectRejected(await get('/api/me'), 401, 'missing_token');
    });

    it('another scheme → 401 missing_token', async () => {
      await expectRejected(
        await get('/api/me', { authorization: 'Basic YWxpY2U6YWxpY2U=' }),
        401,
        'missing_token',
      );
    });

    it.each([
      ['Bearer', 'no token'],
      ['Bearer ', 'empty token'],
      ['Bearer a b', 'two tokens'],
      ['Bearer tok,en', 'illegal characters'],
    ])('malformed header %p (%s) → 400 invalid_request', async (authorization) => {
      await expectRejected(
        await get('/api/me', { authorization }),
        400,
        'invalid_request',
        'invalid_request',
      );
    });

    it('an oversized header → 400 invalid_request before parsing', async () => {
      const authorization = `Bearer ${'a'.repeat(20_000)}`;
      await expectRejected(
        await get('/api/me', { authorization }),
        400,
        'invalid_request',
        'invalid_request',
      );
    });

    it('a token in the query string is refused, even with a valid header', async () => {
      const token = await issuer.mint();
      await expectRejected(
        await get(`/api/me?access_token=${token}`),
        400,
        'invalid_request',
        'invalid_request',
      );
      await expectRejected(
        await get(`/api/me?access_token=${token}`, bearer(token)),
        400,
        'invalid_request',
        'invalid_request',
      );
    });

    it('a token already verified gets no shortcut past the header and query rules', async () => {
      const token = await issuer.mint();
      expect((await get('/api/me', bearer(token))).statusCode).toBe(200);
      const cases: [url: string, authorization: string, status: number, code: string][] = [
        [`/api/me?access_token=${token}`, `Bearer ${token}`, 400, 'invalid_request'],
        ['/api/me?access_token=', `Bearer ${token}`, 400, 'invalid_request'],
        ['/api/me', `Bearer ${token},`, 400, 'invalid_request'],
        ['/api/me', `Bearer ${token} ${token}`, 400, 'invalid_request'],
        ['/api/me', `Bearer\t${token}`, 400, 'invalid_request'],
        ['/api/me', `Bearer ${token}=`, 401, 'invalid_token'],
      ];
      for (const [url, authorization, status, code] of cases) {
        await expectRejected(await get(url, { authorization }), status, code, code);
      }
      // RFC 6750 §2.1: the scheme in any case, then one or more spaces.
      expect((await get('/api/me', { authorization: `bEaReR  ${token}` })).statusCode).toBe(200);
    });
  });

  describe('invalid tokens → 401 invalid_token with a stable code', () => {
    it.each([
      'not-a-jwt',
      'a.b',
      'a.b.c.d',
      'eyJhbGciOiJSUzI1NiJ9.e30.',
      `${b64url('"str"')}.${b64url({})}.c2ln`,
    ])('malformed token %p → invalid_token', async (token) => {
      await expectRejected(
        await get('/api/me', bearer(token)),
        401,
        'invalid_token',
        'invalid_token',
      );
    });

    it('expired → token_expired', async () => {
      const now = Math.floor(Date.now() / 1000);
      const token = await issuer.mint({ claims: { iat: now - 600, exp: now - 120 } });
      const body = await expectRejected(
        await get('/api/me', bearer(token)),
        401,
        'token_expired',
        'invalid_token',
      );
      expect(body.message).not.toContain(token);
    });

    it('nbf in the future → token_not_yet_valid', async () => {
      const now = Math.floor(Date.now() / 1000);
      const token = await issuer.mint({ claims: { nbf: now + 120 } });
      await expectRejected(
        await get('/api/me', bearer(token)),
        401,
        'token_not_yet_valid',
        'invalid_token',
      );
    });

    it('iat in the future → token_not_yet_valid', async () => {
      const now = Math.floor(Date.now() / 1000);
      const token = await issuer.mint({ claims: { iat: now + 120 } });
      await expectRejected(
        await get('/api/me', bearer(token)),
        401,
        'token_not_yet_valid',
        'invalid_token',
      );
    });

    it.each([
      ['wrong issuer', { iss: 'https://evil.example.com' }],
      ['issuer with a trailing slash', { iss: 'TRAILING' }],
    ])('%s → invalid_issuer', async (_name, claims) => {
      const iss = claims.iss === 'TRAILING' ? `${issuer.issuer}/` : claims.iss;
      const token = await issuer.mint({ claims: { iss } });
      await expectRejected(
        await get('/api/me', bearer(token)),
        401,
        'invalid_issuer',
        'invalid_token',
      );
    });

    it.each([['another-api'], [['another-api', 'third']]])(
      'audience %p → invalid_audience',
      async (aud) => {
        const token = await issuer.mint({ claims: { aud } });
        await expectRejected(
          await get('/api/me', bearer(token)),
          401,
          'invalid_audience',
          'invalid_token',
        );
      },
    );

    it.each(['exp', 'sub', 'aud', 'iss'])('missing %s → missing_claim', async (claim) => {
      const token = await issuer.mint({ omit: [claim] });
      const body = await expectRejected(
        await get('/api/me', bearer(token)),
        401,
        'missing_claim',
        'invalid_token',
      );
      expect(body.message).toContain(claim);
    });

    it.each([
      ['exp as a string', { exp: 'tomorrow' }],
      ['sub as a number', { sub: 42 }],
      ['empty sub', { sub: '' }],
      ['nbf as an object', { nbf: {} }],
    ])('%s → invalid_token', async (_name, claims) => {
      const token = await issuer.mint({ claims });
      await expectRejected(
        await get('/api/me', bearer(token)),
        401,
        'invalid_token',
        'invalid_token',
      );
    });

    it('signature by an unpublished key with a known kid → invalid_signature', async () => {
      const rogue = await createSigningKey('RS256');
      const token = await issuer.mint({ key: { ...rogue, kid: issuer.currentKey.kid } });
      await expectRejected(
        await get('/api/me', bearer(token)),
        401,
        'invalid_signature',
        'invalid_token',
      );
    });

    it('tampered payload → invalid_signature', async () => {
      const [header, , signature] = (await issuer.mint()).split('.');
      const payload = b64url({
        iss: issuer.issuer,
        aud: 'oracle-ai-api',
        sub: 'admin',
        exp: 9999999999,
        groups: ['database'],
      });
      await expectRejected(
        await get('/api/me', bearer(`${header}.${payload}.${signature}`)),
        401,
        'invalid_signature',
        'invalid_token',
      );
    });

    it('alg "none" → unsupported_algorithm', async () => {
      const token = `${b64url({ alg: 'none', typ: 'at+jwt' })}.${b64url({ iss: issuer.issuer, aud: 'oracle-ai-api', sub: 'x', exp: 9999999999 })}.`;
      // An empty signature segment fails the compact-form check first: either way it is refused.
      const response = await get('/api/me', bearer(`${token}AA`));
      await expectRejected(response, 401, 'unsupported_algorithm', 'invalid_token');
    });

    it('HS256 signed with the public key as secret (algorithm confusion) → unsupported_algorithm', async () => {
      const header = b64url({ alg: 'HS256', kid: issuer.currentKey.kid });
      const payload = b64url({
        iss: issuer.issuer,
        aud: 'oracle-ai-api',
        sub: 'x',
        exp: 9999999999,
        groups: ['database'],
      });
      const secret = JSON.stringify(issuer.currentKey.publicJwk);
      const signature = createHmac('sha256', secret)
        .update(`${header}.${payload}`)
        .digest('base64url');
      await expectRejected(
        await get('/api/me', bearer(`${header}.${payload}.${signature}`)),
        401,
        'unsupported_algorithm',
        'invalid_token',
      );
    });

    it('an allowed algorithm the key does not fit (PS256 header, RS256 key) → unknown_signing_key', async () => {
      const privateKey = createPrivateKey({
        key: (await exportJWK(issuer.currentKey.privateKey)) as never,
        format: 'jwk',
      });
      const header = b64url({ alg: 'PS256', kid: issuer.currentKey.kid });
      const payload = b64url({
        iss: issuer.issuer,
        aud: 'oracle-ai-api',
        sub: 'x',
        exp: 9999999999,
        groups: ['database'],
      });
      const signature = nodeSign('sha256', Buffer.from(`${header}.${payload}`), {
        key: privateKey,
        padding: 6,
        saltLength: 32,
      }).toString('base64url');
      await expectRejected(
        await get('/api/me', bearer(`${header}.${payload}.${signature}`)),
        401,
        'unknown_signing_key',
        'invalid_token',
      );
    });

    it('unknown kid → unknown_signing_key', async () => {
      const rogue = await createSigningKey('RS256');
      const token = await issuer.mint({ key: rogue });
      await expectRejected(
        await get('/api/me', bearer(token)),
        401,
        'unknown_signing_key',
        'invalid_token',
      );
    });

    it.each([
      ['number', 42],
      ['object', { $ne: null }],
    ])('kid of type %s → invalid_token', async (_name, kid) => {
      const token = await issuer.mint({ header: { kid: kid as never } });
      await expectRejected(
        await get('/api/me', bearer(token)),
        401,
        'invalid_token',
        'invalid_token',
      );
    });

    it('embedded keys (jwk, jku, x5u, x5c) are never used to find the key', async () => {
      const rogue = await createSigningKey('RS256');
      const token = await issuer.mint({
        key: rogue,
        header: {
          kid: undefined,
          jwk: rogue.publicJwk,
          jku: 'https://evil.example.com/jwks',
          x5u: 'https://evil.example.com/x5u',
          x5c: ['MIIB'],
        },
      });
      await expectRejected(
        await get('/api/me', bearer(token)),
        401,
        'invalid_signature',
        'invalid_token',
      );
    });

    it('an unknown critical header → invalid_token', async () => {
      const token = await issuer.mint({
        header: { crit: ['exp-policy'], 'exp-policy': 1 },
        crit: { 'exp-policy': true },
      });
      await expectRejected(
        await get('/api/me', bearer(token)),
        401,
        'invalid_token',
        'invalid_token',
      );
    });

    it.each([
      ['an ID token typ', { header: { typ: 'id_token+jwt' } }],
      ['a logout token typ', { header: { typ: 'logout+jwt' } }],
      ['a Keycloak ID token', { claims: { typ: 'ID' } }],
      ['an ID token with at_hash', { claims: { at_hash: 'abc' } }],
    ])('%s → invalid_token_type', async (_name, options) => {
      const token = await issuer.mint(options as never);
      await expectRejected(
        await get('/api/me', bearer(token)),
        401,
        'invalid_token_type',
        'invalid_token',
      );
    });

    it('error descriptions never echo the token', async () => {
      const token = await issuer.mint({ claims: { aud: 'another-api' } });
      const response = await get('/api/me', bearer(token));
      expect(response.body).not.toContain(token.split('.')[1]);
      expect(String(response.headers['www-authenticate'])).not.toContain(token.split('.')[1]);
    });
  });

  describe('group policy', () => {
    it('no app group → 403 group_required naming the group', async () => {
      const token = await issuer.mint({ claims: { groups: ['marketing'] } });
      const body = await expectRejected(
        await get('/api/me', bearer(token)),
        403,
        'group_required',
        'insufficient_scope',
      );
      expect(body.requiredGroups).toEqual(['database']);
      expect(body.message).toContain('database');
    });

    it('no groups claim at all → 403 on every /api route', async () => {
      const token = await issuer.mint({ omit: ['groups'] });
      for (const url of ['/api/me', '/api/chat', '/api/analytics']) {
        await expectRejected(
          await get(url, bearer(token)),
          403,
          'group_required',
          'insufficient_scope',
        );
      }
    });

    it('app group without chat group: analytics 200, chat 403 naming the chat groups, me says chat=false', async () => {
      const token = await issuer.mint({ claims: { groups: ['database'] } });
      expect((await get('/api/analytics', bearer(token))).statusCode).toBe(200);
      const me = (await get('/api/me', bearer(token))).json<MeResponse>();
      expect(me.access).toEqual({ chat: false, analytics: true });
      const body = await expectRejected(
        await get('/api/chat', bearer(token)),
        403,
        'group_required',
        'insufficient_scope',
      );
      expect(body.requiredGroups).toEqual(['oracle-ai-users', 'oracle-ai-admins']);
    });

    it('group policy is evaluated on every request, also for a token already verified', async () => {
      const token = await issuer.mint({ claims: { groups: ['database'] } });
      expect((await get('/api/analytics', bearer(token))).statusCode).toBe(200);
      for (let i = 0; i < 2; i++) {
        await expectRejected(
          await get('/api/chat', bearer(token)),
          403,
          'group_required',
          'insufficient_scope',
        );
      }
    });

    it('LDAP DN groups match by their first CN, case-insensitively', async () => {
      const token = await issuer.mint({
        claims: {
          groups: [
            'CN=Database,OU=Groups,DC=example,DC=com',
            'cn=oracle-ai-admins,ou=Groups,dc=example,dc=com',
          ],
        },
      });
      expect((await get('/api/chat', bearer(token))).statusCode).toBe(200);
    });

    it('a DN with the group in a later RDN does not match', async () => {
      const token = await issuer.mint({
        claims: { groups: ['CN=guests,OU=database,DC=example,DC=com', 'CN=database-readers,OU=x'] },
      });
      await expectRejected(
        await get('/api/me', bearer(token)),
        403,
        'group_required',
        'insufficient_scope',
      );
    });

    it('a single string group is accepted', async () => {
      const token = await issuer.mint({ claims: { groups: 'database' } });
      expect((await get('/api/me', bearer(token))).statusCode).toBe(200);
    });

    it('memberOf is read when the groups claim is absent', async () => {
      const token = await issuer.mint({
        omit: ['groups'],
        claims: { memberOf: ['CN=database,OU=Groups,DC=bank,DC=com'] },
      });
      expect((await get('/api/me', bearer(token))).statusCode).toBe(200);
    });
  });

  describe('public routes and errors', () => {
    it('/healthz needs no token', async () => {
      expect((await get('/healthz')).json()).toEqual({ status: 'ok' });
    });

    it('/readyz reports the signing keys', async () => {
      const response = await get('/readyz');
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ status: 'ok', signingKeys: 'available' });
    });

    it('HEAD routes are protected like their GET routes', async () => {
      expect((await app.inject({ method: 'HEAD', url: '/api/me' })).statusCode).toBe(401);
      const token = await issuer.mint({ claims: { groups: ['database'] } });
      expect(
        (await app.inject({ method: 'HEAD', url: '/api/me', headers: bearer(token) })).statusCode,
      ).toBe(200);
      expect(
        (await app.inject({ method: 'HEAD', url: '/api/chat', headers: bearer(token) })).statusCode,
      ).toBe(403);
    });

    it('unknown routes → 404 JSON not_found', async () => {
      const response = await get('/api/nope', bearer(await issuer.mint()));
      expect(response.statusCode).toBe(404);
      expect(response.json()).toMatchObject({ code: 'not_found', statusCode: 404 });
    });

    it('a body on an API route never yields a 500', async () => {
      const response = await app.inject({
        method: 'POST',
        url: '/api/me',
        headers: { 'content-type': 'application/json' },
        payload: '{bad',
      });
      expect(response.statusCode).toBeLessThan(500);
    });
  });

  describe('caching', () => {
    it('no cache may store an /api response: answers, refusals and cached-token answers alike', async () => {
      const token = await issuer.mint();
      const noGroup = await issuer.mint({ claims: { groups: [] } });
      const responses = [
        await get('/api/me', bearer(token)),
        await get('/api/me', bearer(token)),
        await get('/api/analytics', bearer(token)),
        await app.inject({ method: 'HEAD', url: '/api/me', headers: bearer(token) }),
        await get('/api/me'),
        await get('/api/me', { authorization: 'Bearer a b' }),
        await get('/api/me', bearer(`${token}x`)),
        await get('/api/me', bearer(noGroup)),
      ];
      expect(responses.map((r) => [r.statusCode, r.headers['cache-control']])).toEqual([
        [200, 'no-store'],
        [200, 'no-store'],
        [200, 'no-store'],
        [200, 'no-store'],
        [401, 'no-store'],
        [400, 'no-store'],
        [401, 'no-store'],
        [403, 'no-store'],
      ]);
    });
  });

  describe('CORS', () => {
    it('preflight from the allowed origin allows Authorization, no credentials, and is cached', async () => {
      const response = await app.inject({
        method: 'OPTIONS',
        url: '/api/me',
        headers: {
          origin: 'http://localhost:4200',
          'access-control-request-method': 'GET',
          'access-control-request-headers': 'authorization',
        },
      });
      expect(response.statusCode).toBe(204);
      expect(response.headers['access-control-allow-origin']).toBe('http://localhost:4200');
      expect(String(response.headers['access-control-allow-headers']).toLowerCase()).toContain(
        'authorization',
      );
      expect(response.headers['access-control-allow-credentials']).toBeUndefined();
      expect(response.headers['access-control-max-age']).toBe('600');
    });

    it.each([
      'http://localhost:4201',
      'http://evil.localhost:4200',
      'null',
      'http://localhost:4200.evil.io',
    ])('origin %p gets no CORS grant', async (origin) => {
      const response = await get('/healthz', { origin });
      expect(response.headers['access-control-allow-origin']).toBeUndefined();
    });

    it('an allowed origin can read error responses and the challenge', async () => {
      const response = await get('/api/me', { origin: 'http://localhost:4200' });
      expect(response.headers['access-control-allow-origin']).toBe('http://localhost:4200');
      expect(String(response.headers['access-control-expose-headers']).toLowerCase()).toContain(
        'www-authenticate',
      );
    });
  });

  it('never calls the token endpoint (only discovery and JWKS)', () => {
    expect(
      issuer.requests.every(
        (path) => path.endsWith('/.well-known/openid-configuration') || path.endsWith('/jwks'),
      ),
    ).toBe(true);
    expect(issuer.count('/token')).toBe(0);
  });
});
