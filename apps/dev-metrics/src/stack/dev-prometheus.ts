import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  backfillArgs,
  prometheusArgs,
  prometheusConfig,
  PROMETHEUS_READY_PATH,
  type ScrapeTarget,
} from '@oracle-ai/shared/util-dev-prometheus';
import { runCommand } from './run-command';

export interface DevPrometheusOptions {
  prometheus: string;
  promtool: string;
  /** Holds the configuration and the TSDB; the caller removes it. */
  dir: string;
  port: number;
  scrapeIntervalS: number;
  target: ScrapeTarget;
  /** OpenMetrics history to load before the start, if any. */
  historyFile?: string;
}

export interface DevPrometheus {
  /** Resolves when it exits, for whatever reason: its exit code, null after a signal. */
  readonly exited: Promise<number | null>;
  /** SIGTERM, SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

const READY_TIMEOUT_MS = 60_000;

/**
 * Backfills the history, then runs Prometheus in the foreground on `dir`, and resolves once it
 * is ready. Its warnings and errors go to this process's stderr.
 */
export async function startDevPrometheus(options: DevPrometheusOptions): Promise<DevPrometheus> {
  const storageDir = join(options.dir, 'tsdb');
  if (options.historyFile !== undefined) {
    const backfill = await runCommand(
      options.promtool,
      backfillArgs(options.historyFile, storageDir),
    );
    if (backfill.code !== 0) {
      throw new Error(
        `promtool could not load the history (exit ${backfill.code}):\n${backfill.output.trim()}`,
      );
    }
  }
  const configFile = join(options.dir, 'prometheus.yml');
  writeFileSync(
    configFile,
    prometheusConfig({ scrapeIntervalS: options.scrapeIntervalS, targets: [options.target] }),
  );
  const child = spawn(
    options.prometheus,
    prometheusArgs({ configFile, storageDir, port: options.port }),
    {
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  // However this process ends (an error, process.exit), Prometheus must not outlive it.
  const killNow = () => child.kill('SIGKILL');
  process.once('exit', killNow);
  const exited = new Promise<number | null>((resolve) => {
    const done = (code: number | null) => {
      process.off('exit', killNow);
      resolve(code);
    };
    child.once('error', () => done(null));
    child.once('exit', (code) => done(code));
  });
  const running: DevPrometheus = {
    exited,
    stop: (graceMs = 10_000) => stop(child, exited, graceMs),
  };
  try {
    await waitUntilReady(`http://127.0.0.1:${options.port}${PROMETHEUS_READY_PATH}`, exited);
  } catch (error) {
    await running.stop(2_000);
    throw error;
  }
  return running;
}

async function waitUntilReady(url: string, exited: Promise<number | null>): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let gone = false;
  void exited.then(() => (gone = true));
  while (!gone) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await response.body?.cancel();
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline)
      throw new Error(`Prometheus was not ready within ${READY_TIMEOUT_MS / 1000} s`);
    await Promise.race([new Promise((resolve) => setTimeout(resolve, 200)), exited]);
  }
  throw new Error(
    `Prometheus exited before it was ready (exit ${await exited}); its messages are above`,
  );
}

async function stop(
  child: ChildProcess,
  exited: Promise<number | null>,
  graceMs: number,
): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(killer);
  }
}
