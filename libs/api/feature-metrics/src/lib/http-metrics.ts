import fp from 'fastify-plugin';
import type { ApiMetrics } from './api-metrics';

export interface HttpMetricsOptions {
  metrics: ApiMetrics;
}

/**
 * Times every request of the app into `http_request_duration_seconds`, labelled with the route
 * pattern Fastify matched (`routeOptions.url`, e.g. `/api/me`) — never the path itself, so a
 * request for any made-up path lands in the one `unmatched` series. One histogram observation per
 * request, in a callback-style hook (no promise).
 */
export const httpMetrics = fp<HttpMetricsOptions>(
  async (app, options) => {
    const metrics = options.metrics;
    if (typeof metrics?.observeRequest !== 'function') {
      throw new Error('httpMetrics: metrics must be an ApiMetrics');
    }
    app.addHook('onResponse', (request, reply, done) => {
      metrics.observeRequest(
        request.method,
        request.is404 ? undefined : request.routeOptions.url,
        reply.statusCode,
        reply.elapsedTime / 1000,
      );
      done();
    });
  },
  { fastify: '5.x', name: 'oracle-ai-http-metrics' },
);
