import closeWithGrace from 'close-with-grace';
import { ConfigError, loadApiConfig, type ApiConfig } from '@oracle-ai/api/util-config';
import { buildApp } from './app';

async function main(): Promise<void> {
  let config: ApiConfig;
  try {
    config = loadApiConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`api: invalid configuration: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }

  const app = await buildApp(config);
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
    },
  );
  try {
    await app.listen({ host: config.host, port: config.port });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    console.error(
      code === 'EADDRINUSE'
        ? `api: port ${config.port} on ${config.host} is already in use (set PORT to another port)`
        : `api: cannot listen on ${config.host}:${config.port}: ${(error as Error).message}`,
    );
    process.exit(1);
  }
}

main().catch((error: unknown) => {
  console.error(`api: failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
