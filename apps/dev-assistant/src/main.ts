import { ConfigError } from '@oracle-ai/shared/util-env';
import { loadDevAssistantConfig } from './config';
import { startDevAssistantServer } from './server';

async function main(): Promise<void> {
  const config = loadDevAssistantConfig(process.env);
  const server = await startDevAssistantServer(config);
  // Tests and `npm start` wait for this exact line.
  console.log(`dev-assistant: listening on http://localhost:${server.port}`);

  const stop = () => server.close().finally(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(`dev-assistant: ${error.message}`);
  } else if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    const { port } = error as { port?: number };
    console.error(
      `dev-assistant: port ${port} is already in use — stop the other process or set PORT`,
    );
  } else {
    console.error(
      `dev-assistant: failed to start: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  process.exit(1);
});
