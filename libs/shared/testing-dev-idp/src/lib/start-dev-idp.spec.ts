import { createServer, type Server } from 'node:net';
import { ProcessStartError } from '@oracle-ai/shared/testing-node-process';
import { startDevIdp, type RunningDevIdp } from './start-dev-idp';

// Runs the built server: `nx test` builds dev-idp first (see project.json).
jest.setTimeout(30_000);

describe('startDevIdp', () => {
  let idp: RunningDevIdp;

  beforeAll(async () => {
    idp = await startDevIdp({
      webOrigins: ['http://localhost:5173'],
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

  it('passes the web origins and the test endpoints to the server', async () => {
    const preflight = await fetch(`${idp.issuer}/token`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect((await fetch(`${idp.issuer}/dev/rotate-keys`, { method: 'POST' })).status).toBe(200);
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
      await expect(start).rejects.toBeInstanceOf(ProcessStartError);
      await expect(start).rejects.toMatchObject({
        code: 'ERR_PROCESS_EXITED_EARLY',
        message: expect.stringContaining(`port ${port} is already in use`),
      });
    });
  });

  it('stops the server', async () => {
    const other = await startDevIdp();
    await other.stop();
    await expect(fetch(`${other.issuer}/.well-known/openid-configuration`)).rejects.toThrow();
    await other.stop();
  });
});
