import { ConfigError } from '@oracle-ai/shared/util-env';
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
  if (error instanceof ConfigError) {
    console.error(`dev-idp: invalid configuration: ${error.message}`);
  } else if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    const { port } = error as { port?: number };
    console.error(`dev-idp: port ${port} is already in use — stop the other process or set PORT`);
  } else {
    console.error('dev-idp: failed to start', error);
  }
  process.exit(1);
});
