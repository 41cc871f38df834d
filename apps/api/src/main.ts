import closeWithGrace from 'close-with-grace';
import { ApiMetrics, listenMetrics, type MetricsListener } from '@oracle-ai/api/feature-metrics';
import { ConfigError, loadApiConfig, type ApiConfig } from '@oracle-ai/api/util-config';
import { checkListenHostResolves } from '@oracle-ai/shared/util-env';
import { buildApp } from './app';

async function main(): Promise<void> {
  let config: ApiConfig;
  try {
    config = loadApiConfig(process.env);
    // Before anything starts: a host name that resolves nowhere is a bad value like any other.
    await checkListenHostResolves('HOST', config.host);
    if (config.metrics !== undefined) {
      await checkListenHostResolves('METRICS_HOST', config.metrics.host);
    }
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`api: invalid configuration: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }

  const metrics = config.metrics === undefined ? undefined : new ApiMetrics();
  const app = await buildApp(config, { metrics });
  let metricsListener: MetricsListener | undefined;
  // A stop signal closes the app: readiness fails at once, the listener stops accepting and
  // in-flight requests drain (ADR 0008); exit 0 once drained, 1 past the grace or on a second signal.
  closeWithGrace(
    {
      delay: config.shutdownGraceS * 1000,
      logger: { error: (message: string) => app.log.error(message) },
      onSecondSignal: (signal) => app.log.error({ signal }, 'second stop signal: exiting now'),
      onTimeout: (delayMs: number) =>
        app.log.error(
          { graceS: delayMs / 1000 },
          'requests still running at the shutdown grace: exiting',
        ),
    },
    async ({ signal, err }) => {
      if (err !== undefined) app.log.error({ err }, 'unexpected error: shutting down');
      else app.log.info({ signal }, 'shutting down: draining in-flight requests');
      await app.close();
      // Scraped until the end: the drain shows in the metrics too.
      await metricsListener?.close();
    },
  );
  await listenOrExit(['HOST', 'PORT'], config, () =>
    app.listen({ host: config.host, port: config.port }),
  );
  if (metrics !== undefined && config.metrics !== undefined) {
    const address = config.metrics;
    metricsListener = await listenOrExit(['METRICS_HOST', 'METRICS_PORT'], address, () =>
      listenMetrics(metrics.registry, address),
    );
  }
}

/** Listens, or exits 1 with one line naming the variable to change. */
async function listenOrExit<T>(
  [hostVariable, portVariable]: [string, string],
  { host, port }: { host: string; port: number },
  listen: () => Promise<T>,
): Promise<T> {
  try {
    return await listen();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    console.error(
      code === 'EADDRINUSE'
        ? `api: port ${port} on ${host} is already in use (set ${portVariable} to another port)`
        : `api: cannot listen on ${host}:${port} (check ${hostVariable} and ${portVariable}): ${code ?? (error as Error).message}`,
    );
    process.exit(1);
  }
}

main().catch((error: unknown) => {
  console.error(`api: failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
