import { describeStartFailure } from '@oracle-ai/shared/util-loopback-server';
import { loadExporterConfig } from './config';
import { SimulatedExporter } from './model/simulated-exporter';
import { startExporterServer } from './server';

async function main(): Promise<void> {
  const config = loadExporterConfig(process.env);
  const server = await startExporterServer(
    new SimulatedExporter({ downDatabases: config.downDatabases }),
    config.port,
  );
  // Tests and the dev stack wait for this exact line.
  console.log(`dev-metrics: exporter listening on http://127.0.0.1:${server.port}/metrics`);

  const stop = () => server.close().finally(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`dev-metrics: ${describeStartFailure(error)}`);
  process.exit(1);
});
