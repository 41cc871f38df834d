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
