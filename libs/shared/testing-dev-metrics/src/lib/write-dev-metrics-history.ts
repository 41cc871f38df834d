import { builtApp, startNodeProcess } from '@oracle-ai/shared/testing-node-process';

/** The labels the dev Prometheus gives the exporter's series: history must carry the same. */
export const DEV_METRICS_JOB = 'oracledb';
export const DEV_METRICS_INSTANCE = 'dev-metrics';

export interface DevMetricsHistoryOptions {
  /** Where the OpenMetrics text goes. */
  file: string;
  /** Up to now, from this many hours ago. */
  hours: number;
  /** Default 30. */
  stepS?: number;
  job?: string;
  instance?: string;
  downDatabases?: string[];
}

/**
 * Writes the dev exporter's last hours as OpenMetrics (the built `history.js`), for
 * `startPrometheus({ backfill: [file] })`. Resolves once the file is complete.
 */
export async function writeDevMetricsHistory(options: DevMetricsHistoryOptions): Promise<void> {
  const child = await startNodeProcess({
    ...builtApp('dev-metrics', 'history.js'),
    name: 'dev exporter history',
    env: {
      PATH: process.env['PATH'],
      DEV_METRICS_HISTORY_FILE: options.file,
      DEV_METRICS_HISTORY_HOURS: String(options.hours),
      DEV_METRICS_HISTORY_STEP_S: String(options.stepS ?? 30),
      DEV_METRICS_JOB: options.job ?? DEV_METRICS_JOB,
      DEV_METRICS_INSTANCE: options.instance ?? DEV_METRICS_INSTANCE,
      DEV_METRICS_DOWN_DATABASES: (options.downDatabases ?? []).join(','),
    },
  });
  const code = await child.exited;
  if (code !== 0)
    throw new Error(`the dev exporter's history failed (exit ${code}): ${child.output().trim()}`);
}
