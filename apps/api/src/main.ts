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
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      void app.close().then(() => process.exit(0));
    });
  }
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
