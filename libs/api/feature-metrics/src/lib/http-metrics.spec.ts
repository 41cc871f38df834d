import Fastify, { type FastifyInstance } from 'fastify';
import { ApiMetrics } from './api-metrics';
import { httpMetrics } from './http-metrics';

describe('httpMetrics', () => {
  let app: FastifyInstance;
  let metrics: ApiMetrics;

  beforeEach(async () => {
    metrics = new ApiMetrics({ processMetrics: false });
    app = Fastify();
    await app.register(httpMetrics, { metrics });
    await app.register(
      async (api) => {
        api.get('/items/:id', async () => ({ ok: true }));
        api.get('/me', async (_request, reply) => reply.code(401).send({ code: 'missing_token' }));
      },
      { prefix: '/api' },
    );
    await app.ready();
  });

  afterEach(() => app.close());

  async function seriesLabels(): Promise<Partial<Record<string, string | number>>[]> {
    const histogram = (await metrics.registry.getMetricsAsJSON()).find(
      (entry) => entry.name === 'http_request_duration_seconds',
    );
    return (histogram?.values ?? [])
      .filter((value) => (value as { metricName?: string }).metricName?.endsWith('_count'))
      .map((value) => value.labels);
  }

  it('labels each request with the route pattern and status it was answered with', async () => {
    await app.inject('/api/items/1');
    await app.inject('/api/items/2?x=y');
    await app.inject({ method: 'HEAD', url: '/api/items/3' });
    await app.inject('/api/me');
    expect(await seriesLabels()).toEqual(
      expect.arrayContaining([
        { method: 'GET', route: '/api/items/:id', status_code: 200 },
        { method: 'HEAD', route: '/api/items/:id', status_code: 200 },
        { method: 'GET', route: '/api/me', status_code: 401 },
      ]),
    );
    expect(await seriesLabels()).toHaveLength(3);
  });

  it('a thousand made-up paths add one series, not a thousand', async () => {
    for (let i = 0; i < 1000; i++) {
      await app.inject(`/${i}/../etc/passwd%00${'x'.repeat(i % 50)}?q=${i}`);
    }
    expect(await seriesLabels()).toEqual([{ method: 'GET', route: 'unmatched', status_code: 404 }]);
  });

  it('refuses to register without metrics', async () => {
    await expect(
      Fastify().register(httpMetrics, {} as unknown as { metrics: ApiMetrics }),
    ).rejects.toThrow('httpMetrics: metrics must be an ApiMetrics');
  });
});
