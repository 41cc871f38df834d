import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { findExecutable, PROMETHEUS_INSTALL_HINT } from '@oracle-ai/shared/util-dev-prometheus';
import { describeStartFailure } from '@oracle-ai/shared/util-loopback-server';
import { DEFAULT_INSTANCE, DEFAULT_JOB, loadStackConfig, type StackConfig } from './config';
import { writeHistory } from './exposition/openmetrics-history';
import { SimulatedExporter } from './model/simulated-exporter';
import { startExporterServer, type ExporterServer } from './server';
import { startDevPrometheus, type DevPrometheus } from './stack/dev-prometheus';

/**
 * The figures source of `npm start`: the dev exporter, its last hours written as history, and a
 * real Prometheus (started in the foreground on a temporary store, the history backfilled before
 * it starts) scraping the exporter. A stop signal stops all of it and removes the store. Without
 * Prometheus installed the exporter runs alone and says how to install it.
 */
async function main(): Promise<void> {
  const config = loadStackConfig(process.env);
  const exporter = new SimulatedExporter({ downDatabases: config.downDatabases });
  const server = await startExporterServer(exporter, config.exporterPort);
  const prometheusRun: { current?: DevPrometheus } = {};
  // From here on a stop signal stops whatever runs; exit handlers remove what is left.
  const stopping = stopOnSignal(async () => {
    await prometheusRun.current?.stop();
    await server.close();
  });
  console.log(`dev-metrics: exporter listening on http://127.0.0.1:${server.port}/metrics`);

  const prometheus = findExecutable('prometheus');
  const promtool = findExecutable('promtool');
  if (prometheus === undefined || promtool === undefined) {
    console.error(
      `dev-metrics: ${prometheus === undefined ? 'prometheus' : 'promtool'} is not installed, so the analytics have no figures source: ${PROMETHEUS_INSTALL_HINT}, then restart.`,
    );
    return;
  }

  const dir = mkdtempSync(join(tmpdir(), 'oracle-ai-dev-prometheus-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  const running = await startPrometheus(config, exporter, server, dir, prometheus, promtool);
  prometheusRun.current = running;
  console.log(
    `dev-metrics: Prometheus listening on http://localhost:${config.prometheusPort}, scraping the exporter every ${config.scrapeIntervalS} s, with ${config.historyHours} h of history (store: ${dir})`,
  );
  const code = await running.exited;
  if (stopping.requested) return;
  console.error(`dev-metrics: Prometheus exited unexpectedly (exit ${code}); stopping`);
  await server.close();
  process.exit(1);
}

async function startPrometheus(
  config: StackConfig,
  exporter: SimulatedExporter,
  server: ExporterServer,
  dir: string,
  prometheus: string,
  promtool: string,
): Promise<DevPrometheus> {
  const to = Math.floor(Date.now() / 1000);
  const historyFile = join(dir, 'history.om');
  const out = createWriteStream(historyFile);
  const labels = { job: DEFAULT_JOB, instance: DEFAULT_INSTANCE };
  const from = to - config.historyHours * 3600;
  await writeHistory(exporter, { from, to, stepS: config.historyStepS, ...labels }, out);
  out.end();
  await finished(out);
  const started = await startDevPrometheus({
    prometheus,
    promtool,
    dir,
    port: config.prometheusPort,
    scrapeIntervalS: config.scrapeIntervalS,
    target: { address: `127.0.0.1:${server.port}`, ...labels },
    historyFile,
  });
  rmSync(historyFile, { force: true });
  return started;
}

/** On SIGINT or SIGTERM (once): `stop`, then exit 0. */
function stopOnSignal(stop: () => Promise<void>): { readonly requested: boolean } {
  const state = { requested: false };
  const onSignal = () => {
    if (state.requested) return;
    state.requested = true;
    stop().finally(() => process.exit(0));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return state;
}

main().catch((error: unknown) => {
  console.error(`dev-metrics: ${describeStartFailure(error)}`);
  process.exit(1);
});
