export { findExecutable, PROMETHEUS_INSTALL_HINT } from './lib/executables';
export {
  backfillArgs,
  prometheusArgs,
  PROMETHEUS_READY_PATH,
  type PrometheusArgsOptions,
} from './lib/prometheus-command';
export {
  prometheusConfig,
  type PrometheusConfigOptions,
  type ScrapeTarget,
} from './lib/prometheus-config';
