import Fastify from 'fastify';
import { routePolicyGuard } from './route-policy';

describe('routePolicyGuard', () => {
  it('lets routes with a policy register, public or with groups', async () => {
    const app = Fastify();
    await app.register(routePolicyGuard);
    app.get('/open', { config: { auth: { public: true } } }, async () => 'open');
    app.get('/closed', { config: { auth: { groups: [] } } }, async () => 'closed');
    await app.ready();
    expect((await app.inject('/open')).body).toBe('open');
    await app.close();
  });

  it('refuses to start when a route declares no policy (deny by default)', async () => {
    const app = Fastify();
    await app.register(routePolicyGuard);
    expect(() => app.get('/forgotten', async () => 'data')).toThrow(
      'route GET /forgotten declares no config.auth policy',
    );
    await app.close();
  });

  it('covers routes registered in child contexts too', async () => {
    const app = Fastify();
    await app.register(routePolicyGuard);
    const registered = app.register(
      async (api) => {
        api.get('/forgotten', async () => 'data');
      },
      { prefix: '/api' },
    );
    await expect(registered.ready()).rejects.toThrow('route GET /api/forgotten declares no');
  });
});
