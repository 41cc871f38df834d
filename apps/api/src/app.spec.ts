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
      dpopBound: false,
    });
  });

  it('GET /api/chat answers with a resource naming the user', async () => {
    const chat = await get('/api/chat', bearer(await issuer.mint()));
    expect(chat.statusCode).toBe(200);
    expect(chat.json()).toMatchObject({ user: 'alice' });
  });

  it('without ANALYTICS_PROMETHEUS_URL the analytics answer 503 analytics_unavailable, and the app stays ready', async () => {
    const analytics = await get('/api/analytics', bearer(await issuer.mint()));
    expect([analytics.statusCode, analytics.headers['retry-after']]).toEqual([503, '60']);
    expect(analytics.json<ApiErrorBody>()).toMatchObject({ code: 'analytics_unavailable' });
    expect((await get('/readyz')).statusCode).toBe(200);
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

  it('the assistant is wired behind the token and the chat groups, before its body is read', async () => {
    const ask = (
      headers: Record<string, string>,
      payload = '{"messages":[{"role":"user","content":"Hi"}]}',
    ) =>
      app.inject({
        method: 'POST',
        url: '/api/chat/completions',
        headers: { 'content-type': 'application/json', ...headers },
        payload,
      });
    const anonymous = await ask({}, '{bad');
    expect([anonymous.statusCode, anonymous.json<ApiErrorBody>().code]).toEqual([
      401,
      'missing_token',
    ]);
    const noChat = await ask(bearer(await issuer.mint({ claims: { groups: ['database'] } })));
    expect([noChat.statusCode, noChat.json<ApiErrorBody>().code]).toEqual([403, 'group_required']);
    // No CHAT_MODEL_URL in this configuration: the chat says so, the assistant refuses.
    const token = await issuer.mint();
    expect((await get('/api/chat', bearer(token))).json()).toMatchObject({
      assistantConfigured: false,
    });
    const unconfigured = await ask(bearer(token));
    expect([unconfigured.statusCode, unconfigured.json<ApiErrorBody>().code]).toEqual([
      503,
      'assistant_unavailable',
    ]);
    const configured = await buildApp(
      testConfig(issuer.issuer, { CHAT_MODEL_URL: 'http://127.0.0.1:9/v1' }),
      { logger: false },
    );
    expect(
      (await configured.inject({ url: '/api/chat', headers: bearer(token) })).json(),
    ).toMatchObject({
      assistantConfigured: true,
    });
    await configured.close();
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
        expect(response.headers['www-authenticate']).toBe(
          'Bearer realm="oracle-ai", resource_metadata="http://localhost:3000/.well-known/oauth-protected-resource"',
        );
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
      url: '/api/chat/completions',
      headers: {
        origin: 'http://localhost:4200',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type,dpop',
      },
    });
    expect(response.statusCode).toBe(204);
    expect(response.headers['access-control-allow-origin']).toBe('http://localhost:4200');
    expect(response.headers['access-control-allow-methods']).toContain('POST');
  });

  it('serves the OpenAPI document publicly; Swagger UI only with API_DOCS=on', async () => {
    const document = await get('/openapi.json');
    expect(document.statusCode).toBe(200);
    expect(document.json()).toMatchObject({ openapi: '3.1.0', info: { title: 'Oracle AI API' } });
    expect((await get('/docs')).statusCode).toBe(404);
    const withDocs = await buildApp(testConfig(issuer.issuer, { API_DOCS: 'on' }), {
      logger: false,
    });
    const ui = await withDocs.inject('/docs/');
    expect(ui.statusCode).toBe(200);
    expect(ui.headers['content-type']).toMatch(/^text\/html/);
    await withDocs.close();
  });

  it('publishes RFC 9728 metadata that every 401 challenge points to', async () => {
    const metadata = await get('/.well-known/oauth-protected-resource');
    expect(metadata.json()).toEqual({
      resource: 'http://localhost:3000',
      authorization_servers: [issuer.issuer],
      bearer_methods_supported: ['header'],
      resource_name: 'Oracle AI API',
      dpop_signing_alg_values_supported: ['ES256', 'PS256', 'EdDSA'],
      dpop_bound_access_tokens_required: false,
    });
    const refused = await get('/api/me', bearer(`${await issuer.mint()}x`));
    expect(refused.headers['www-authenticate']).toContain(
      'resource_metadata="http://localhost:3000/.well-known/oauth-protected-resource"',
    );
  });

  it('every response carries an X-Request-Id, and error bodies repeat it', async () => {
    const kept = await get('/api/me', { 'x-request-id': 'script-run-7' });
    expect(kept.headers['x-request-id']).toBe('script-run-7');
    expect(kept.json<ApiErrorBody>().requestId).toBe('script-run-7');
    for (const url of ['/healthz', '/api/nope', '/openapi.json']) {
      expect((await get(url)).headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    }
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
