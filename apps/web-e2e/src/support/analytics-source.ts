import {
  DEV_METRICS_INSTANCE,
  DEV_METRICS_JOB,
  startDevMetrics,
  writeDevMetricsHistory,
} from '@oracle-ai/shared/testing-dev-metrics';
import { startPrometheus } from '@oracle-ai/shared/testing-prometheus';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Hours of history the source holds: finprod's lock storm comes every 6 hours and lasts 12
 * minutes, so one has always ended within the last 6 h 13 min, with room around it.
 */
export const ANALYTICS_HISTORY_HOURS = 8;

export interface RunningAnalyticsSource {
  /** The Prometheus the API reads, for tests that ask it directly. */
  prometheusUrl: string;
  stop(): Promise<void>;
}

/**
 * The figures source of the dev stack, as the API's integration tests run it: the built dev
 * exporter, its last hours backfilled into a real Prometheus that scrapes it from then on.
 */
export async function startAnalyticsSource(): Promise<RunningAnalyticsSource> {
  const dir = mkdtempSync(join(tmpdir(), 'web-e2e-analytics-'));
  const stops: (() => Promise<void>)[] = [
    async () => rmSync(dir, { recursive: true, force: true }),
  ];
  const stop = async () => {
    for (const each of stops.reverse()) await each();
  };
  try {
    const exporter = await startDevMetrics();
    stops.push(() => exporter.stop());
    const history = join(dir, 'history.om');
    await writeDevMetricsHistory({ file: history, hours: ANALYTICS_HISTORY_HOURS });
    const prometheus = await startPrometheus({
      targets: [
        { address: exporter.address, job: DEV_METRICS_JOB, instance: DEV_METRICS_INSTANCE },
      ],
      backfill: [history],
      scrapeIntervalS: 15,
    });
    stops.push(() => prometheus.stop());
    return { prometheusUrl: prometheus.url, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
