export { ApiMetrics, UNMATCHED_ROUTE, type SigningKeysState } from './lib/api-metrics';
export { httpMetrics, type HttpMetricsOptions } from './lib/http-metrics';
export { listenMetrics, type MetricsListener } from './lib/metrics-server';
