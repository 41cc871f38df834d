import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { describeStartFailure } from '@oracle-ai/shared/util-loopback-server';
import { loadHistoryConfig } from './config';
import { writeHistory } from './exposition/openmetrics-history';
import { SimulatedExporter } from './model/simulated-exporter';

/** Writes the last hours of the simulation as OpenMetrics, for `promtool tsdb create-blocks-from openmetrics`. */
async function main(): Promise<void> {
  const config = loadHistoryConfig(process.env);
  const to = Math.floor(Date.now() / 1000);
  const from = to - config.hours * 3600;
  const out = createWriteStream(config.file);
  const summary = await writeHistory(
    new SimulatedExporter({ downDatabases: config.downDatabases }),
    { from, to, stepS: config.stepS, job: config.job, instance: config.instance },
    out,
  );
  out.end();
  await finished(out);
  console.log(
    `dev-metrics: wrote ${summary.samples} samples of ${summary.series} series from ${from} to ${to} to ${config.file}`,
  );
}

main().catch((error: unknown) => {
  console.error(`dev-metrics: ${describeStartFailure(error)}`);
  process.exit(1);
});
