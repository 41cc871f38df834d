import Fastify, { type FastifyInstance } from 'fastify';
import { apiErrorHandler } from '@oracle-ai/api/feature-platform';
import { TestIssuer } from '@oracle-ai/api/testing-issuer';
import { loadApiConfig } from '@oracle-ai/api/util-config';
import type { ApiErrorBody } from '@oracle-ai/shared/util-api-contract';
import { createAuth } from '../create-auth';
import { bearerAuth } from './bearer-auth';

const CHAT_GROUPS = ['oracle-ai-users', 'oracle-ai-admins'];
const METADATA = 'https://api.example.com/.well-known/oauth-protected-resource';

/**
 * The plugin on a bare Fastify (Fastify's Testing guide): an `/api` context with bearerAuth and
 * three routes that only echo what it established, behind the API's error handler.
 */
/** The auth runtime `createAuth` makes for `issuer`, as the app would, logging nothing. */
function authFor(issuer: TestIssuer) {
  const config = loadApiConfig({ AUTH_ISSUER: issuer.issuer, AUTH_AUDIENCE: 'oracle-ai-api' });
  const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };
  return createAuth(config.auth, { logger: silent, publicUrl: 'https://api.example.com' });
}

describe('bearerAuth', () => {
  let issuer: TestIssuer;
  let app: FastifyInstance;

  let auth: ReturnType<typeof authFor>;

  beforeAll(async () => {
    issuer = await TestIssuer.start();
    auth = authFor(issuer);
    app = Fastify();
    await app.register(apiErrorHandler);
    await app.register(
      async (api) => {
        await api.register(bearerAuth, {
          verifier: auth.verifier,
          requiredGroups: ['database'],
          resourceMetadataUrl: METADATA,
          senderConstraint: auth.senderConstraint,
        });
        const echo = async (request: { user: unknown }) => request.user;
        api.get('/me', { config: { auth: { groups: [] } } }, echo);
        api.get('/analytics', { config: { auth: { groups: [] } } }, echo);
        api.get('/chat', { config: { auth: { groups: CHAT_GROUPS } } }, echo);
      },
      { prefix: '/api' },
    );
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
      else expect(challenge).toBe(`Bearer realm="oracle-ai", resource_metadata="${METADATA}"`);
      if (status === 401) expect(challenge).toContain(`resource_metadata="${METADATA}"`);
      else expect(challenge).not.toContain('resource_metadata');
    }
    return body;
  }

  describe('accepted tokens', () => {
    it('sets request.user from the verified claims', async () => {
      const token = await issuer.mint({ claims: { exp: 2_000_000_000 } });
      const response = await get('/api/me', bearer(token));
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({
        sub: 'user-alice',
        username: 'alice',
        name: 'Alice Example',
        email: 'alice@example.com',
        groups: ['database', 'oracle-ai-users'],
        expiresAt: '2033-05-18T03:33:20.000Z',
      });
    });

    it('falls back from preferred_username to username to sub, and ignores non-string profile claims', async () => {
      const cases: [Record<string, unknown>, string][] = [
        [{ preferred_username: undefined, username: 'al' }, 'al'],
        [{ preferred_username: '', username: undefined }, 'user-alice'],
        [{ preferred_username: 42, name: ['x'], email: {} }, 'user-alice'],
      ];
      for (const [claims, username] of cases) {
        const response = await get('/api/me', bearer(await issuer.mint({ claims })));
        const user = response.json<Record<string, unknown>>();
        expect(user['username']).toBe(username);
        if (claims['name'] !== undefined) expect(user['name']).toBeUndefined();
        if (claims['email'] !== undefined) expect(user['email']).toBeUndefined();
      }
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

    it('a token the cache answers gets no shortcut past the header and query rules', async () => {
      const token = await issuer.mint();
      // Verified twice, then answered from the cache: the fourth request takes no key.
      for (let i = 0; i < 3; i++)
        expect((await get('/api/me', bearer(token))).statusCode).toBe(200);
      const getKey = jest.spyOn(auth.keyStore, 'getKey');
      expect((await get('/api/me', bearer(token))).statusCode).toBe(200);
      expect(getKey).not.toHaveBeenCalled();
      getKey.mockRestore();
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

  describe('refusals', () => {
    it('error descriptions never echo the token', async () => {
      const token = await issuer.mint({ claims: { aud: 'another-api' } });
      const response = await get('/api/me', bearer(token));
      expect(response.body).not.toContain(token.split('.')[1]);
      expect(String(response.headers['www-authenticate'])).not.toContain(token.split('.')[1]);
    });

    it('a refused token → 401 with the invalid_token challenge and a description', async () => {
      const now = Math.floor(Date.now() / 1000);
      const token = await issuer.mint({ claims: { iat: now - 600, exp: now - 120 } });
      const response = await get('/api/me', bearer(token));
      await expectRejected(response, 401, 'token_expired', 'invalid_token');
      expect(response.headers['www-authenticate']).toBe(
        `Bearer realm="oracle-ai", error="invalid_token", error_description="The access token has expired", resource_metadata="${METADATA}"`,
      );
    });

    it('an unreachable IdP → 503 idp_unavailable with Retry-After and no challenge', async () => {
      const down = await TestIssuer.start();
      await down.stop();
      const config = loadApiConfig({ AUTH_ISSUER: down.issuer, AUTH_AUDIENCE: 'oracle-ai-api' });
      const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };
      const isolated = Fastify();
      await isolated.register(apiErrorHandler);
      const downAuth = createAuth(config.auth, {
        logger: silent,
        fetchTimeoutMs: 500,
        publicUrl: 'https://api.example.com',
      });
      await isolated.register(bearerAuth, {
        verifier: downAuth.verifier,
        senderConstraint: downAuth.senderConstraint,
        requiredGroups: ['database'],
        resourceMetadataUrl: METADATA,
      });
      isolated.get('/x', { config: { auth: { groups: [] } } }, async () => 'never');
      const response = await isolated.inject({ url: '/x', headers: bearer(await down.mint()) });
      expect(response.statusCode).toBe(503);
      expect(response.json()).toMatchObject({ code: 'idp_unavailable' });
      expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
      expect(response.headers['www-authenticate']).toBeUndefined();
      await isolated.close();
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

    it("app group without the route's group: analytics 200, chat 403 naming the chat groups", async () => {
      const token = await issuer.mint({ claims: { groups: ['database'] } });
      expect((await get('/api/analytics', bearer(token))).statusCode).toBe(200);
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

  describe('routes', () => {
    it('refuses to register a public route behind it', async () => {
      const bad = Fastify();
      const registered = bad.register(async (api) => {
        await api.register(bearerAuth, {
          verifier: {} as never,
          senderConstraint: { dpopEnabled: false, mode: 'off', algorithms: [] } as never,
          requiredGroups: ['database'],
          resourceMetadataUrl: METADATA,
        });
        api.get('/open', { config: { auth: { public: true } } }, async () => 'x');
      });
      await expect(registered.ready()).rejects.toThrow(
        'route GET /open is public but registered behind bearer auth',
      );
    });

    it('refuses empty required groups', async () => {
      const registered = Fastify().register(bearerAuth, {
        verifier: {} as never,
        senderConstraint: { dpopEnabled: false, mode: 'off', algorithms: [] } as never,
        requiredGroups: [],
        resourceMetadataUrl: METADATA,
      });
      await expect(registered.ready()).rejects.toThrow('requiredGroups must not be empty');
    });

    it('HEAD routes are protected like their GET routes, with one hook each', async () => {
      expect((await app.inject({ method: 'HEAD', url: '/api/me' })).statusCode).toBe(401);
      const token = await issuer.mint({ claims: { groups: ['database'] } });
      expect(
        (await app.inject({ method: 'HEAD', url: '/api/me', headers: bearer(token) })).statusCode,
      ).toBe(200);
      expect(
        (await app.inject({ method: 'HEAD', url: '/api/chat', headers: bearer(token) })).statusCode,
      ).toBe(403);
    });
  });
});

describe('bearerAuth telemetry', () => {
  it('reports every decision, cached tokens included, and each refusal by its code', async () => {
    const issuer = await TestIssuer.start();
    const auth = authFor(issuer);
    const decisions: string[] = [];
    const app = Fastify();
    await app.register(apiErrorHandler);
    await app.register(async (api) => {
      await api.register(bearerAuth, {
        verifier: auth.verifier,
        requiredGroups: ['database'],
        resourceMetadataUrl: METADATA,
        senderConstraint: auth.senderConstraint,
        telemetry: {
          granted: () => decisions.push('granted'),
          refused: (code) => decisions.push(`refused:${code}`),
        },
      });
      api.get('/me', { config: { auth: { groups: [] } } }, async () => ({ ok: true }));
    });
    const token = await issuer.mint();
    const outsider = await issuer.mint({ claims: { groups: ['other'] } });
    const me = (headers: Record<string, string> = {}) => app.inject({ url: '/me', headers });
    // Verified twice, then answered from the cache (second-sighting admission).
    for (let i = 0; i < 3; i++) await me({ authorization: `Bearer ${token}` });
    await me();
    await me({ authorization: `Bearer ${outsider}` });
    await me({ authorization: `Bearer ${token}x` });
    expect(decisions).toEqual([
      'granted',
      'granted',
      'granted',
      'refused:missing_token',
      'refused:group_required',
      'refused:invalid_signature',
    ]);
    await app.close();
    await issuer.stop();
  });
});
