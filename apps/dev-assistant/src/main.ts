import { describeStartFailure } from '@oracle-ai/shared/util-loopback-server';
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
  console.error(`dev-assistant: ${describeStartFailure(error)}`);
  process.exit(1);
});
