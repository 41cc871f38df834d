export {
  startDevMetrics,
  type RunningDevMetrics,
  type StartDevMetricsOptions,
} from './lib/start-dev-metrics';
export {
  DEV_METRICS_INSTANCE,
  DEV_METRICS_JOB,
  writeDevMetricsHistory,
  type DevMetricsHistoryOptions,
} from './lib/write-dev-metrics-history';
