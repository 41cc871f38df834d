import { Counter, Registry } from 'prom-client';
import { listenMetrics, type MetricsListener } from './metrics-server';

describe('listenMetrics', () => {
  let listener: MetricsListener;
  const registry = new Registry();
  new Counter({ name: 'example_total', help: 'an example', registers: [registry] }).inc(3);

  beforeAll(async () => {
    listener = await listenMetrics(registry, { host: '127.0.0.1', port: 0 });
  });

  afterAll(() => listener.close());

  it('serves the registry at /metrics in the Prometheus text format', async () => {
    const response = await fetch(`${listener.url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(await response.text()).toContain('example_total 3');
  });

  it.each([['/'], ['/metrics/x'], ['/healthz']])('%s is 404', async (path) => {
    expect((await fetch(`${listener.url}${path}`)).status).toBe(404);
  });

  it('is 404 for other methods', async () => {
    expect((await fetch(`${listener.url}/metrics`, { method: 'POST' })).status).toBe(404);
  });

  it('reports a taken port to the caller', async () => {
    const port = Number(new URL(listener.url).port);
    await expect(listenMetrics(registry, { host: '127.0.0.1', port })).rejects.toMatchObject({
      code: 'EADDRINUSE',
    });
  });
});
