import { startBuiltServer } from '@oracle-ai/shared/testing-node-process';

export interface StartDevMetricsOptions {
  /** Defaults to a free loopback port. */
  port?: number;
  /** `DEV_METRICS_DOWN_DATABASES`: simulated databases that report `oracledb_up 0` only. */
  downDatabases?: string[];
}

export interface RunningDevMetrics {
  port: number;
  /** `127.0.0.1:<port>`: the scrape target. */
  address: string;
  /** SIGTERM, then SIGKILL after 5 s. */
  stop(): Promise<void>;
}

/** `apps/dev-metrics/src/main.ts` prints it once it listens. */
const READY_LINE = 'dev-metrics: exporter listening on';

/** Runs the built dev exporter as a child process and resolves once it listens. */
export async function startDevMetrics(
  options: StartDevMetricsOptions = {},
): Promise<RunningDevMetrics> {
  const server = await startBuiltServer({
    app: 'dev-metrics',
    name: 'dev exporter',
    port: options.port,
    env: (port) => ({
      PATH: process.env['PATH'],
      PORT: String(port),
      DEV_METRICS_DOWN_DATABASES: (options.downDatabases ?? []).join(','),
    }),
    readyWhen: { outputIncludes: READY_LINE },
  });
  return {
    port: server.port,
    address: `127.0.0.1:${server.port}`,
    stop: async () => {
      await server.stop();
    },
  };
}
