import Fastify from 'fastify';
import { healthRoutes } from './health-routes';

describe('healthRoutes', () => {
  it('/healthz is always ok; /readyz follows the signing keys', async () => {
    let ready = false;
    const app = Fastify();
    await app.register(healthRoutes, { signingKeysReady: () => ready });

    expect((await app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    const notReady = await app.inject('/readyz');
    expect(notReady.statusCode).toBe(503);
    expect(notReady.headers['retry-after']).toBe('5');
    expect(notReady.json()).toEqual({ status: 'unavailable', signingKeys: 'unavailable' });

    ready = true;
    const nowReady = await app.inject('/readyz');
    expect(nowReady.statusCode).toBe(200);
    expect(nowReady.json()).toEqual({ status: 'ok', signingKeys: 'available' });
    await app.close();
  });

  it('/readyz fails from the moment the app starts closing, while requests still drain', async () => {
    // As in the API: requests arriving during the close are served, not answered 503 by Fastify.
    const app = Fastify({ return503OnClosing: false });
    let duringClose: { status: number; body: unknown } | undefined;
    await app.register(healthRoutes, { signingKeysReady: () => true });
    // A sibling registered later: its preClose hook runs after the plugin's own, like a probe
    // arriving during the drain.
    await app.register(async (probe) => {
      probe.addHook('preClose', async () => {
        const response = await fetch(`${url}/readyz`);
        duringClose = { status: response.status, body: await response.json() };
      });
    });
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    await app.close();
    expect(duringClose).toEqual({
      status: 503,
      body: { status: 'unavailable', signingKeys: 'available', shuttingDown: true },
    });
  });

  it('declares both routes public', async () => {
    const policies: unknown[] = [];
    const app = Fastify();
    app.addHook('onRoute', (route) => {
      if (route.method === 'GET') policies.push((route.config as { auth?: unknown }).auth);
    });
    await app.register(healthRoutes, { signingKeysReady: () => true });
    await app.ready();
    expect(policies).toEqual([{ public: true }, { public: true }]);
    await app.close();
  });
});
