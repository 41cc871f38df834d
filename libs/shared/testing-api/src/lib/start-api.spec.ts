import { startDevIdp, type RunningDevIdp } from '@oracle-ai/shared/testing-dev-idp';
import { findWorkspaceRoot } from '@oracle-ai/shared/testing-node-process';
import { startApi, type RunningApi } from './start-api';

jest.setTimeout(40_000);

const metadata = async (api: RunningApi) =>
  (await fetch(`http://127.0.0.1:${api.port}/.well-known/oauth-protected-resource`)).json();

describe('startApi', () => {
  let idp: RunningDevIdp;
  let api: RunningApi;

  beforeAll(async () => {
    idp = await startDevIdp();
    api = await startApi({ issuer: idp.issuer });
  });

  afterAll(async () => {
    await api?.stop();
    await idp?.stop();
  });

  it('runs the built API ready, trusting the given issuer, at its own loopback URL', async () => {
    expect(api.url).toBe(`http://127.0.0.1:${api.port}`);
    expect((await fetch(`${api.url}/readyz`)).status).toBe(200);
    const me = await fetch(`${api.url}/api/me`);
    expect(me.status).toBe(401);
    expect(me.headers.get('www-authenticate')).toContain(
      `resource_metadata="${api.url}/.well-known/oauth-protected-resource"`,
    );
    expect(await metadata(api)).toMatchObject({
      resource: api.url,
      authorization_servers: [idp.issuer],
    });
  });

  it('passes env over the defaults, and names the URL by localhost when asked', async () => {
    const other = await startApi({
      issuer: idp.issuer,
      urlHost: 'localhost',
      workspaceRoot: findWorkspaceRoot(),
      env: { AUTH_AUDIENCE: 'another-api', CORS_ORIGINS: 'http://localhost:5173' },
    });
    try {
      expect(other.url).toBe(`http://localhost:${other.port}`);
      expect(await metadata(other)).toMatchObject({ resource: other.url });
      const preflight = await fetch(`http://127.0.0.1:${other.port}/api/me`, {
        method: 'OPTIONS',
        headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'GET' },
      });
      expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    } finally {
      expect(await other.stop()).toBe(0);
    }
  });

  it("waits only until it listens with waitFor 'listening', and stops it", async () => {
    const unready = await startApi({ issuer: 'http://127.0.0.1:1', waitFor: 'listening' });
    expect((await fetch(`${unready.url}/readyz`)).status).toBe(503);
    await unready.stop();
    await expect(fetch(`${unready.url}/healthz`)).rejects.toThrow();
  });

  it("returns at once with waitFor 'spawned', for a start that is refused", async () => {
    const refused = await startApi({ waitFor: 'spawned' });
    expect(await refused.exited).toBe(1);
    expect(refused.output()).toBe('api: invalid configuration: AUTH_ISSUER is required\n');
  });
});
