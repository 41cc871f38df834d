import type { FastifyInstance } from 'fastify';
import { DrainingServer } from '@oracle-ai/api/feature-platform';
import { TestIssuer } from '@oracle-ai/api/testing-issuer';
import type { ApiErrorBody, MeResponse } from '@oracle-ai/shared/util-api-contract';
import { buildApp } from './app';
import { testConfig } from './testing/test-config';

/**
 * The whole app, wired from configuration: each plugin has its own spec on a bare Fastify; this
 * covers only what needs them together (which route gets which policy, the order of plugins).
 */
describe('buildApp', () => {
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

  it('GET /api/me returns the caller and the access the API computed', async () => {
    const response = await get('/api/me', bearer(await issuer.mint()));
    expect(response.statusCode).toBe(200);
    expect(response.json<MeResponse>()).toEqual({
      sub: 'user-alice',
      username: 'alice',
      name: 'Alice Example',
      email: 'alice@example.com',
      groups: ['database', 'oracle-ai-users'],
      access: { chat: true, analytics: true },
      expiresAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
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

  it('AUTH_CHAT_GROUPS guard /api/chat and feed /api/me access.chat alike', async () => {
    const token = await issuer.mint({ claims: { groups: ['database'] } });
    expect((await get('/api/me', bearer(token))).json<MeResponse>().access).toEqual({
      chat: false,
      analytics: true,
    });
    const chat = await get('/api/chat', bearer(token));
    expect(chat.statusCode).toBe(403);
    expect(chat.json<ApiErrorBody>().requiredGroups).toEqual([
      'oracle-ai-users',
      'oracle-ai-admins',
    ]);
  });

  it('AUTH_REQUIRED_GROUPS guard every /api route', async () => {
    const token = await issuer.mint({ claims: { groups: ['oracle-ai-users'] } });
    for (const url of ['/api/me', '/api/chat', '/api/analytics']) {
      const response = await get(url, bearer(token));
      expect([response.statusCode, response.json<ApiErrorBody>().requiredGroups]).toEqual([
        403,
        ['database'],
      ]);
    }
  });

  it('every /api route, HEAD included, refuses a request without a token, no-store', async () => {
    for (const url of ['/api/me', '/api/chat', '/api/analytics']) {
      for (const method of ['GET', 'HEAD'] as const) {
        const response = await app.inject({ method, url });
        expect([url, method, response.statusCode, response.headers['cache-control']]).toEqual([
          url,
          method,
          401,
          'no-store',
        ]);
        expect(response.headers['www-authenticate']).toBe('Bearer realm="oracle-ai"');
      }
    }
  });

  it('/healthz and /readyz need no token', async () => {
    expect((await get('/healthz')).json()).toEqual({ status: 'ok' });
    const ready = await get('/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ok', signingKeys: 'available' });
  });

  it('unknown routes and bodies on API routes are clean 4xx JSON, never a 500', async () => {
    const unknown = await get('/api/nope', bearer(await issuer.mint()));
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ code: 'not_found', statusCode: 404 });
    const body = await app.inject({
      method: 'POST',
      url: '/api/me',
      headers: { 'content-type': 'application/json' },
      payload: '{bad',
    });
    expect(body.statusCode).toBeGreaterThanOrEqual(400);
    expect(body.statusCode).toBeLessThan(500);
  });

  it('CORS_ORIGINS reaches the preflight of the API routes', async () => {
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
  });

  it('HTTP_KEEP_ALIVE_TIMEOUT_S reaches the public listener, which drains on close', async () => {
    const other = await buildApp(testConfig(issuer.issuer, { HTTP_KEEP_ALIVE_TIMEOUT_S: '120' }), {
      logger: false,
    });
    expect(other.server).toBeInstanceOf(DrainingServer);
    expect(other.server.keepAliveTimeout).toBe(120_000);
    expect(app.server.keepAliveTimeout).toBe(65_000);
    await other.close();
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
