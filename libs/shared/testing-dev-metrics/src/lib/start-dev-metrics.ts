import { resolve } from 'node:path';
import {
  findFreePort,
  ProcessStartError,
  startNodeProcess,
} from '@oracle-ai/shared/testing-node-process';

/** The built dev exporter (`npx nx build dev-metrics`). */
export const DEV_METRICS_DIST = resolve(__dirname, '../../../../../dist/apps/dev-metrics');

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
const PORT_ATTEMPTS = 3;

/** Runs the built dev exporter as a child process and resolves once it listens. */
export async function startDevMetrics(
  options: StartDevMetricsOptions = {},
): Promise<RunningDevMetrics> {
  // A free port found by binding :0 can be taken before the child binds it: retry with another.
  for (let attempt = 1; ; attempt++) {
    const port = options.port ?? (await findFreePort());
    try {
      const child = await startNodeProcess({
        name: 'dev exporter',
        main: resolve(DEV_METRICS_DIST, 'main.js'),
        buildCommand: 'npx nx build dev-metrics',
        env: {
          PATH: process.env['PATH'],
          PORT: String(port),
          DEV_METRICS_DOWN_DATABASES: (options.downDatabases ?? []).join(','),
        },
        readyWhen: { outputIncludes: READY_LINE },
      });
      return {
        port,
        address: `127.0.0.1:${port}`,
        stop: async () => {
          await child.stop();
        },
      };
    } catch (error) {
      const portTaken =
        error instanceof ProcessStartError && error.output.includes('already in use');
      if (!portTaken || options.port !== undefined || attempt >= PORT_ATTEMPTS) throw error;
    }
  }
}
