/**
 * The floor's yardstick: Fastify with one `/healthz` route answering what the API's does, and
 * nothing else — no CORS, no hooks, no error handler. What the API adds in front of every route
 * is the gap between its floor and this one.
 */
import Fastify from 'fastify';
import { closeOnSignals, readPeerEnv } from './peer-env';

async function main(): Promise<void> {
  const env = readPeerEnv();
  const app = Fastify({ logger: { level: 'warn' }, disableRequestLogging: true });
  app.get('/healthz', async () => ({ status: 'ok' }));
  closeOnSignals(() => app.close());
  await app.listen({ host: env.host, port: env.port });
}

main().catch((error: unknown) => {
  console.error(`bare Fastify: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
