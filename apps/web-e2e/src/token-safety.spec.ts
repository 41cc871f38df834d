import { Request } from '@playwright/test';
import { expect, mainNav, signIn, test } from './support/fixtures';
import { recordResponses } from './support/response-bodies';

test.describe('token safety', () => {
  test('no token in localStorage, sessionStorage, cookies, the URL or the console', async ({
    page,
    context,
    urls,
  }) => {
    const consoleMessages: string[] = [];
    page.on('console', (message) => consoleMessages.push(message.text()));
    const tokenResponses = await recordResponses(page, `${urls.issuer}/token`);
    await page.goto('/');
    await signIn(page, 'alice');
    await expect(page.getByRole('heading', { level: 1, name: 'Chat' })).toBeVisible();
    const tokens = JSON.parse(tokenResponses[0].body) as Record<string, string>;

    const secrets = [tokens['access_token'], tokens['refresh_token'], tokens['id_token']].filter(
      (value): value is string => typeof value === 'string' && value.length > 0,
    );
    expect(secrets.length).toBeGreaterThanOrEqual(2);

    const webStorage = await page.evaluate(() => ({
      local: Object.entries(localStorage),
      session: Object.entries(sessionStorage),
    }));
    const cookies = await context.cookies();
    const stored = JSON.stringify({ webStorage, cookies });
    for (const secret of secrets) {
      expect(stored).not.toContain(secret);
      expect(page.url()).not.toContain(secret);
      expect(consoleMessages.join('\n')).not.toContain(secret);
    }
    // The PKCE verifier, state and nonce are gone once the callback is processed, and nothing else is kept.
    expect(webStorage.session).toEqual([]);
    expect(webStorage.local).toEqual([]);
  });

  test('the token (and any DPoP proof) goes to the API origin only', async ({
    page,
    urls,
    tokenScheme,
  }) => {
    const withAuthorization: { origin: string; url: string }[] = [];
    const withProof: string[] = [];
    const apiRequests: Request[] = [];
    page.on('request', (request) => {
      const origin = new URL(request.url()).origin;
      if (origin === urls.apiOrigin) apiRequests.push(request);
      if (request.headers()['authorization'])
        withAuthorization.push({ origin, url: request.url() });
      if (request.headers()['dpop']) withProof.push(request.url().split('?')[0]);
    });

    await page.goto('/');
    await signIn(page, 'alice');
    await expect(page.getByRole('heading', { level: 1, name: 'Chat' })).toBeVisible();
    await mainNav(page).getByRole('link', { name: 'Analytics' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Analytics' })).toBeVisible();
    await mainNav(page).getByRole('link', { name: 'Profile' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Profile' })).toBeVisible();

    const apiGets = apiRequests.filter((request) => request.method() === 'GET');
    expect(apiGets.length).toBeGreaterThanOrEqual(3);
    for (const request of apiGets) {
      expect(request.headers()['authorization']).toMatch(new RegExp(`^${tokenScheme} `));
    }
    expect(withAuthorization.length).toBeGreaterThan(0);
    expect(withAuthorization.filter(({ origin }) => origin !== urls.apiOrigin)).toEqual([]);
    // Proofs: to the IdP's token endpoint and the API only, and only with DPoP.
    const proofTargets = new Set(
      withProof.map((url) => (url.startsWith(urls.apiOrigin) ? 'API' : url)),
    );
    expect(proofTargets).toEqual(
      tokenScheme === 'DPoP' ? new Set([`${urls.issuer}/token`, 'API']) : new Set(),
    );
  });
});
