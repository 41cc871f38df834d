import { createServer, type Server } from 'node:net';
import { DevIdpError } from './dev-idp-error';
import { getTokens } from './get-tokens';
import { rotateSigningKeys } from './rotate-signing-keys';
import { startDevIdp, type RunningDevIdp } from './start-dev-idp';

// Runs the built server: `nx test` builds dev-idp first (see project.json).
jest.setTimeout(30_000);

function decodePayload(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString());
}

describe('startDevIdp', () => {
  let idp: RunningDevIdp;

  beforeAll(async () => {
    idp = await startDevIdp({
      webOrigins: ['http://localhost:5173'],
      accessTokenTtlS: 60,
      enableTestEndpoints: true,
    });
  });

  afterAll(async () => {
    await idp.stop();
  });

  it('serves the built dev IdP on a free port with a localhost issuer', async () => {
    expect(idp.issuer).toBe(`http://localhost:${idp.port}`);
    const discovery = await (await fetch(`${idp.issuer}/.well-known/openid-configuration`)).json();
    expect(discovery).toMatchObject({ issuer: idp.issuer });
  });

  it('passes the options to the server', async () => {
    const tokens = await getTokens({ issuer: idp.issuer, username: 'alice' });
    expect(tokens.expires_in).toBe(60);
    expect(decodePayload(tokens.access_token)).toMatchObject({
      iss: idp.issuer,
      aud: 'oracle-ai-api',
      groups: ['database', 'oracle-ai-users'],
    });
    const preflight = await fetch(`${idp.issuer}/token`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
  });

  it('rotates the signing keys through the test endpoint', async () => {
    const rotated = await rotateSigningKeys(idp.issuer);
    expect(rotated.publishedKids).toHaveLength(2);
    expect(rotated.publishedKids[0]).toBe(rotated.kid);
  });

  describe('when the port is taken', () => {
    let blocker: Server;
    let port: number;

    beforeAll(async () => {
      blocker = createServer();
      await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
      port = (blocker.address() as { port: number }).port;
    });

    afterAll(async () => {
      await new Promise((resolve) => blocker.close(resolve));
    });

    it('fails with the server output', async () => {
      const start = startDevIdp({ port });
      await expect(start).rejects.toBeInstanceOf(DevIdpError);
      await expect(start).rejects.toMatchObject({
        code: 'ERR_DEV_IDP_START_FAILED',
        message: expect.stringContaining(`port ${port} is already in use`),
      });
    });
  });

  it('stops the server', async () => {
    const other = await startDevIdp();
    await other.stop();
    await expect(getTokens({ issuer: other.issuer, username: 'bob' })).rejects.toMatchObject({
      code: 'ERR_DEV_IDP_UNREACHABLE',
    });
    await other.stop();
  });
});
