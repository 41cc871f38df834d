import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  startOnFreePort,
  startProcess,
  type RunningProcess,
} from '@oracle-ai/shared/testing-node-process';
import {
  backfillArgs,
  findExecutable,
  prometheusArgs,
  prometheusConfig,
  PROMETHEUS_INSTALL_HINT,
  PROMETHEUS_READY_PATH,
  type ScrapeTarget,
} from '@oracle-ai/shared/util-dev-prometheus';

export interface StartPrometheusOptions {
  /** What it scrapes; none by default (history only). */
  targets?: readonly ScrapeTarget[];
  /** Default 1 s: tests should not wait for a scrape. */
  scrapeIntervalS?: number;
  /** OpenMetrics files loaded into its store before it starts. */
  backfill?: readonly string[];
}

/** One entry of Prometheus' query log: a query as it arrived. */
export interface LoggedQuery {
  query: string;
  path: string;
}

export interface RunningPrometheus {
  /** `http://127.0.0.1:<port>`: the base of `/api/v1/…` */
  url: string;
  port: number;
  /** Every query it has run so far, from its query log. */
  queries(): LoggedQuery[];
  /** SIGTERM (SIGKILL after 5 s), then its store and configuration are removed. */
  stop(): Promise<void>;
  /** Whatever it printed (warnings and errors). */
  output(): string;
}

/**
 * Runs Debian's `prometheus` in the foreground on a fresh temporary store and a free loopback
 * port, the history backfilled with `promtool` before it starts, and resolves once it is ready
 * (`/-/ready`). Fails at once, naming the package, when Prometheus is not installed.
 */
export async function startPrometheus(
  options: StartPrometheusOptions = {},
): Promise<RunningPrometheus> {
  const prometheus = findExecutable('prometheus');
  const promtool = findExecutable('promtool');
  if (prometheus === undefined || promtool === undefined) {
    throw new Error(`Prometheus is needed for this test: ${PROMETHEUS_INSTALL_HINT}`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'testing-prometheus-'));
  try {
    const storageDir = join(dir, 'tsdb');
    for (const file of options.backfill ?? []) await backfill(promtool, file, storageDir);
    const queryLog = join(dir, 'queries.log');
    const configFile = join(dir, 'prometheus.yml');
    writeFileSync(
      configFile,
      prometheusConfig({
        scrapeIntervalS: options.scrapeIntervalS ?? 1,
        targets: options.targets ?? [],
        queryLogFile: queryLog,
      }),
    );
    const { child, port } = await listen(prometheus, configFile, storageDir);
    return {
      url: `http://127.0.0.1:${port}`,
      port,
      queries: () => readQueryLog(queryLog),
      output: () => child.output(),
      stop: async () => {
        await child.stop();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

async function backfill(promtool: string, file: string, storageDir: string): Promise<void> {
  const run = await startProcess(promtool, backfillArgs(file, storageDir), { name: 'promtool' });
  const code = await run.exited;
  if (code !== 0)
    throw new Error(`promtool could not backfill ${file} (exit ${code}): ${run.output().trim()}`);
}

function listen(
  prometheus: string,
  configFile: string,
  storageDir: string,
): Promise<{ child: RunningProcess; port: number }> {
  return startOnFreePort(undefined, async (port) => {
    const child = await startProcess(prometheus, prometheusArgs({ configFile, storageDir, port }), {
      name: 'prometheus',
      readyWhen: { url: `http://127.0.0.1:${port}${PROMETHEUS_READY_PATH}` },
      readyTimeoutMs: 30_000,
    });
    return { child, port };
  });
}

function readQueryLog(file: string): LoggedQuery[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const entry = JSON.parse(line) as {
        params: { query: string };
        httpRequest?: { path?: string };
      };
      return { query: entry.params.query, path: entry.httpRequest?.path ?? '' };
    });
}
