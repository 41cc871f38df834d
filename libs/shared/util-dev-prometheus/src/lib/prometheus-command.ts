/** Answers 200 once Prometheus has loaded its blocks and serves queries. */
export const PROMETHEUS_READY_PATH = '/-/ready';

export interface PrometheusArgsOptions {
  configFile: string;
  /** A directory of its own: Prometheus locks it, and backfilled blocks go there before start. */
  storageDir: string;
  port: number;
  /** Default `warn`: its info lines would drown the dev terminal. */
  logLevel?: 'debug' | 'info' | 'warn' | 'error';
}

/** Command-line arguments of `prometheus` in the foreground, listening on 127.0.0.1 only. */
export function prometheusArgs(options: PrometheusArgsOptions): string[] {
  return [
    `--config.file=${options.configFile}`,
    `--storage.tsdb.path=${options.storageDir}`,
    `--web.listen-address=127.0.0.1:${options.port}`,
    `--log.level=${options.logLevel ?? 'warn'}`,
  ];
}

/**
 * `promtool` arguments that turn an OpenMetrics file into TSDB blocks in `storageDir`: run before
 * Prometheus starts on that directory, never into a running one.
 */
export function backfillArgs(openMetricsFile: string, storageDir: string): string[] {
  return ['tsdb', 'create-blocks-from', 'openmetrics', openMetricsFile, storageDir];
}
