import { startDevIdp } from '@oracle-ai/shared/testing-dev-idp';
import { findFreePort } from '@oracle-ai/shared/testing-node-process';
import { join, resolve } from 'node:path';
import { startApi } from './api-server';
import { E2E_ENV } from './e2e-env';
import { startStaticSpaServer } from './static-spa-server';

const workspaceRoot = resolve(__dirname, '../../../..');

/**
 * Starts the dev IdP, the API and the SPA on free ports, wired to each other, and hands their
 * URLs to the tests through the environment. Returns the teardown.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const webPort = await findFreePort();
  const webOrigin = `http://localhost:${webPort}`;
  // Short-lived tokens so the background refresh happens within the suite.
  const idp = await startDevIdp({ webOrigins: [webOrigin], accessTokenTtlS: 20 });
  const stops: (() => Promise<void>)[] = [() => idp.stop()];
  try {
    const api = await startApi({
      workspaceRoot,
      port: await findFreePort(),
      issuer: idp.issuer,
      webOrigin,
    });
    stops.push(() => api.stop());
    const web = await startStaticSpaServer({
      root: join(workspaceRoot, 'dist/apps/web/browser'),
      port: webPort,
      config: {
        issuer: idp.issuer,
        clientId: 'oracle-ai-web',
        apiBaseUrl: api.origin,
        scope: 'openid profile email',
      },
    });
    stops.push(() => new Promise<void>((done) => web.close(() => done())));

    process.env[E2E_ENV.webOrigin] = webOrigin;
    process.env[E2E_ENV.apiOrigin] = api.origin;
    process.env[E2E_ENV.issuer] = idp.issuer;
  } catch (error) {
    await stopAll(stops);
    throw error;
  }
  return () => stopAll(stops);
}

async function stopAll(stops: (() => Promise<void>)[]): Promise<void> {
  for (const stop of stops.reverse()) await stop();
}
