import { startDevIdp } from '@oracle-ai/shared/testing-dev-idp';
import { findFreePort } from '@oracle-ai/shared/testing-node-process';
import { startApi } from './api-server';
import { E2E_ENV } from './e2e-env';
import { startWebServer } from './web-server';
import { WORKSPACE_ROOT } from './workspace-root';

/**
 * Starts the dev IdP, the API and the SPA on free ports, wired to each other, and hands their
 * URLs to the tests through the environment. The SPA is the production build served by the
 * production web server (nginx, with its CSP and headers). Returns the teardown.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const webPort = await findFreePort();
  const webOrigin = `http://localhost:${webPort}`;
  // Short-lived tokens so the background refresh happens within the suite.
  const idp = await startDevIdp({ webOrigins: [webOrigin], accessTokenTtlS: 20 });
  const stops: (() => Promise<void>)[] = [() => idp.stop()];
  try {
    const api = await startApi({
      workspaceRoot: WORKSPACE_ROOT,
      port: await findFreePort(),
      issuer: idp.issuer,
      webOrigin,
    });
    stops.push(() => api.stop());
    const web = await startWebServer({
      workspaceRoot: WORKSPACE_ROOT,
      port: webPort,
      env: {
        WEB_ISSUER: idp.issuer,
        WEB_CLIENT_ID: 'oracle-ai-web',
        WEB_API_BASE_URL: api.origin,
        WEB_SCOPE: 'openid profile email',
      },
    });
    stops.push(() => web.stop());

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
