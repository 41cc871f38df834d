import { startDevIdp, type RunningDevIdp } from '@oracle-ai/shared/testing-dev-idp';
import { startApi, type RunningApi } from './start-api';

jest.setTimeout(40_000);

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
    expect((await fetch(`${api.url}/readyz`)).status).toBe(200);
    const me = await fetch(`${api.url}/api/me`);
    expect(me.status).toBe(401);
    expect(me.headers.get('www-authenticate')).toContain(
      `resource_metadata="${api.url}/.well-known/oauth-protected-resource"`,
    );
    const metadata = await (await fetch(`${api.url}/.well-known/oauth-protected-resource`)).json();
    expect(metadata).toMatchObject({ resource: api.url, authorization_servers: [idp.issuer] });
  });

  it('stops it', async () => {
    const other = await startApi({ issuer: idp.issuer, waitFor: 'listening' });
    await other.stop();
    await expect(fetch(`${other.url}/healthz`)).rejects.toThrow();
  });
});
