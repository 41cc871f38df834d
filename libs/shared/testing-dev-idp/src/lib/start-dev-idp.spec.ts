import { holdPort, ProcessStartError } from '@oracle-ai/shared/testing-node-process';
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

  it('fails with the server output when the port is taken', async () => {
    const held = await holdPort();
    try {
      const start = startDevIdp({ port: held.port });
      await expect(start).rejects.toBeInstanceOf(ProcessStartError);
      await expect(start).rejects.toMatchObject({
        code: 'ERR_PROCESS_EXITED_EARLY',
        message: expect.stringContaining(`port ${held.port} is already in use`),
      });
    } finally {
      await held.release();
    }
  });

  it('stops the server', async () => {
    const other = await startDevIdp();
    await other.stop();
    await expect(fetch(`${other.issuer}/.well-known/openid-configuration`)).rejects.toThrow();
    await other.stop();
  });
});
