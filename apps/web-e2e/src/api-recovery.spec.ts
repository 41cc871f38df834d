import { startApi, type RunningApi } from '@oracle-ai/shared/testing-api';
import { startDevIdp, type RunningDevIdp } from '@oracle-ai/shared/testing-dev-idp';
import { findFreePort } from '@oracle-ai/shared/testing-node-process';
import { expect, signIn, test } from './support/fixtures';
import { startWebServer, type RunningWebServer } from './support/web-server';
import { WORKSPACE_ROOT } from './support/workspace-root';

/** The key store's "cannot load signing keys" lines: how long until its next attempt. */
function retriesScheduledS(output: string): number[] {
  return output
    .split('\n')
    .filter((line) => line.includes('"cannot load signing keys"'))
    .map((line) => (JSON.parse(line) as { retryInS: number }).retryInS);
}

/**
 * A whole-site restart where the API comes up before its IdP: a user signing in while the API
 * still waits to retry its key fetch gets its 503, and the SPA waits it out by itself.
 * This test runs its own API, dev IdP and web server (whose /config.json and CSP name them).
 */
test.describe('an API started before its IdP', () => {
  let api: RunningApi | undefined;
  let idp: RunningDevIdp | undefined;
  let web: RunningWebServer | undefined;

  test.afterEach(async () => {
    await web?.stop();
    await api?.stop();
    await idp?.stop();
  });

  test('a user signing in during its backoff waits on the unavailable page and comes back by itself', async ({
    page,
  }) => {
    test.setTimeout(120_000);
    const idpPort = await findFreePort();
    const webPort = await findFreePort();
    const issuer = `http://localhost:${idpPort}`;
    const webOrigin = `http://localhost:${webPort}`;
    api = await startApi({
      workspaceRoot: WORKSPACE_ROOT,
      issuer,
      urlHost: 'localhost',
      env: { CORS_ORIGINS: webOrigin },
      waitFor: 'listening',
    });
    web = await startWebServer({
      workspaceRoot: WORKSPACE_ROOT,
      port: webPort,
      env: {
        WEB_ISSUER: issuer,
        WEB_CLIENT_ID: 'oracle-ai-web',
        WEB_API_BASE_URL: api.url,
        WEB_SCOPE: 'openid profile email',
      },
    });
    // Start the IdP right after a failure that leaves the API several seconds to wait: enough for
    // a sign-in to reach the API before its next attempt.
    await expect
      .poll(() => Math.max(0, ...retriesScheduledS(api?.output() ?? '')), { timeout: 60_000 })
      .toBeGreaterThanOrEqual(7);
    // The SPA above is configured without DPoP.
    idp = await startDevIdp({ port: idpPort, webOrigins: [webOrigin], dpop: false });

    await page.goto(`${webOrigin}/analytics`);
    await signIn(page, 'alice');
    await expect(
      page.getByRole('heading', { level: 1, name: 'Oracle AI is temporarily unavailable' }),
    ).toBeVisible();
    await expect(page.getByRole('status')).toContainText('try again by itself');
    await expect(page.getByRole('timer', { name: 'Seconds until the next attempt' })).toHaveText(
      /^\d+$/,
    );
    await expect(page).toHaveURL(/\/service-unavailable\?returnUrl=%2Fanalytics&retryAfter=\d+$/);

    // No click: the countdown runs out, the API has its keys by then, the page first asked for opens.
    await expect(page.getByRole('heading', { level: 1, name: 'Analytics' })).toBeVisible({
      timeout: 45_000,
    });
    await expect(page).toHaveURL(/\/analytics$/);
  });
});
