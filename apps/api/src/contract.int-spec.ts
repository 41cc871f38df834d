import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { TestIssuer } from '@oracle-ai/api/testing-issuer';
import { startApi, type RunningApi } from '@oracle-ai/shared/testing-api';

jest.setTimeout(30_000);

/** What a script sees of the built API's machine-readable contract. */
describe('built API contract', () => {
  let issuer: TestIssuer;
  let api: RunningApi;

  beforeAll(async () => {
    issuer = await TestIssuer.start();
    api = await startApi({
      issuer: issuer.issuer,
      env: { API_PUBLIC_URL: 'https://api.example.com/oracle-ai/', LOG_LEVEL: 'debug' },
    });
  });

  afterAll(async () => {
    await api.stop();
    await issuer.stop();
  });

  it('a 401 names the metadata URL and the request id, in headers, body and log', async () => {
    const response = await fetch(`${api.url}/api/me`, {
      headers: { 'x-request-id': 'nightly-job:42' },
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe(
      'Bearer realm="oracle-ai", resource_metadata="https://api.example.com/oracle-ai/.well-known/oauth-protected-resource"',
    );
    expect(response.headers.get('x-request-id')).toBe('nightly-job:42');
    expect(await response.json()).toMatchObject({
      code: 'missing_token',
      requestId: 'nightly-job:42',
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const line = api
      .output()
      .split('\n')
      .find((entry) => entry.includes('nightly-job:42'));
    expect(JSON.parse(line ?? '{}')).toMatchObject({ requestId: 'nightly-job:42' });
  });

  it('an unsafe incoming id is replaced, not echoed', async () => {
    const response = await fetch(`${api.url}/healthz`, {
      headers: { 'x-request-id': 'x'.repeat(129) },
    });
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves RFC 9728 metadata for its public URL and the committed OpenAPI document', async () => {
    const metadata = await fetch(`${api.url}/.well-known/oauth-protected-resource`);
    expect(await metadata.json()).toEqual({
      resource: 'https://api.example.com/oracle-ai',
      authorization_servers: [issuer.issuer],
      bearer_methods_supported: ['header'],
      resource_name: 'Oracle AI API',
      dpop_signing_alg_values_supported: ['ES256', 'PS256', 'EdDSA'],
      dpop_bound_access_tokens_required: false,
    });
    const served = (await (await fetch(`${api.url}/openapi.json`)).json()) as {
      servers: unknown;
      paths: unknown;
    };
    const committed = JSON.parse(
      readFileSync(resolve(__dirname, '../../../docs/openapi.json'), 'utf8'),
    ) as { paths: unknown };
    expect(served.servers).toEqual([{ url: 'https://api.example.com/oracle-ai' }]);
    expect(served.paths).toEqual(committed.paths);
  });

  it('serves Swagger UI from the built bundle only with API_DOCS=on', async () => {
    expect((await fetch(`${api.url}/docs/`)).status).toBe(404);
    const withDocs = await startApi({ issuer: issuer.issuer, env: { API_DOCS: 'on' } });
    try {
      const ui = await fetch(`${withDocs.url}/docs/`);
      expect([ui.status, ui.headers.get('content-type')]).toEqual([
        200,
        expect.stringMatching(/^text\/html/),
      ]);
      expect((await fetch(`${withDocs.url}/docs/static/swagger-ui.css`)).status).toBe(200);
    } finally {
      await withDocs.stop();
    }
  });
});
