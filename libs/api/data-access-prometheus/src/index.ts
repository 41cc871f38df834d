export {
  PrometheusClient,
  type PrometheusClientOptions,
  type RangeParams,
} from './lib/prometheus-client';
export { PrometheusError, type PrometheusErrorCode } from './lib/prometheus-error';
export type { InstantSeries, RangeSeries, SamplePair } from './lib/query-result';
