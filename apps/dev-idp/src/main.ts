import { ConfigError } from '@oracle-ai/shared/util-env';
import { describeStartFailure } from '@oracle-ai/shared/util-loopback-server';
import { loadDevIdpConfig } from './config';
import { startDevIdpServer } from './server';

async function main(): Promise<void> {
  const config = loadDevIdpConfig(process.env);
  const server = await startDevIdpServer(config);
  // Tests and `npm start` wait for this exact line.
  console.log(`dev-idp: listening on http://localhost:${server.port} (issuer ${server.issuer})`);

  const stop = () => server.close().finally(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  const reason =
    error instanceof ConfigError
      ? `invalid configuration: ${error.message}`
      : describeStartFailure(error);
  console.error(`dev-idp: ${reason}`);
  process.exit(1);
});
