import { expect, mainNav, signIn, test } from './support/fixtures';

test.describe('failures get a clear page, never a blank screen or a loop', () => {
  test('a broken /config.json renders an explanation instead of the app', async ({ page }) => {
    await page.route('**/config.json', (route) =>
      route.fulfill({
        contentType: 'application/json',
        body: '{"issuer":"http://sso.example.com"}',
      }),
    );
    await page.goto('/');
    await expect(
      page.getByRole('heading', { level: 1, name: 'Oracle AI cannot start' }),
    ).toBeVisible();
    await expect(
      page.getByRole('listitem').filter({ hasText: 'issuer must use https' }),
    ).toBeVisible();
  });

  test('an unreachable IdP shows the sign-in-service page', async ({ page, urls }) => {
    await page.route(`${urls.issuer}/**`, (route) => route.abort('connectionrefused'));
    await page.goto('/chat');
    await expect(
      page.getByRole('heading', { level: 1, name: 'The sign-in service is unreachable' }),
    ).toBeVisible();
  });

  test('access_denied from the IdP gets its own page', async ({ page, urls }) => {
    // Named by its issuer, as the IdP sends every authorization response (RFC 9207).
    await page.goto(`/auth/callback?error=access_denied&state=whatever&iss=${urls.issuer}`);
    await expect(
      page.getByRole('heading', { level: 1, name: 'Sign-in was cancelled or refused' }),
    ).toBeVisible();
    await expect(page).toHaveURL(/\/auth-error\?reason=access_denied$/);
  });

  test('a state mismatch is retried once automatically, then stops on a page', async ({
    page,
    urls,
  }) => {
    await page.goto(`/auth/callback?code=forged&state=forged&iss=${urls.issuer}`);
    // The single retry starts a fresh sign-in.
    await expect(page.getByLabel('Password')).toBeVisible();
    await page.goto(`/auth/callback?code=forged-again&state=forged-again&iss=${urls.issuer}`);
    await expect(
      page.getByRole('heading', { level: 1, name: 'Sign-in could not be verified' }),
    ).toBeVisible();
  });

  test('a token endpoint without CORS is explained for operators', async ({ page, urls }) => {
    await page.goto('/');
    await page.route(`${urls.issuer}/token`, (route) => route.abort('accessdenied'));
    await signIn(page, 'alice');
    await expect(
      page.getByRole('heading', { level: 1, name: 'Sign-in could not be completed' }),
    ).toBeVisible();
    await expect(page.getByRole('complementary', { name: 'For operators' })).toContainText('CORS');
  });

  test('an API that answers 503 shows "unavailable" with a working retry, not a login', async ({
    page,
    urls,
  }) => {
    await page.goto('/');
    await signIn(page, 'alice');
    await expect(page.getByRole('heading', { level: 1, name: 'Chat' })).toBeVisible();

    await page.route(`${urls.apiOrigin}/api/analytics`, (route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/json',
        headers: { 'retry-after': '5' },
        body: JSON.stringify({
          statusCode: 503,
          error: 'Service Unavailable',
          code: 'idp_unavailable',
          message: 'signing keys unavailable',
        }),
      }),
    );
    await mainNav(page).getByRole('link', { name: 'Analytics' }).click();
    await expect(
      page.getByRole('heading', { level: 1, name: 'Oracle AI is temporarily unavailable' }),
    ).toBeVisible();

    await page.unroute(`${urls.apiOrigin}/api/analytics`);
    await page.getByRole('button', { name: 'Retry now' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Analytics' })).toBeVisible();
  });

  test('a 401 is refreshed and replayed once; an API that keeps refusing stops on a page', async ({
    page,
    urls,
  }) => {
    await page.goto('/');
    await signIn(page, 'alice');
    await expect(page.getByRole('heading', { level: 1, name: 'Chat' })).toBeVisible();

    const unauthorized = {
      status: 401,
      contentType: 'application/json',
      headers: { 'www-authenticate': 'Bearer realm="oracle-ai", error="invalid_token"' },
      body: JSON.stringify({
        statusCode: 401,
        error: 'Unauthorized',
        code: 'token_expired',
        message: 'expired',
      }),
    };
    let refusals = 0;
    await page.route(`${urls.apiOrigin}/api/analytics`, (route) => {
      refusals++;
      return route.fulfill(unauthorized);
    });
    const refresh = page.waitForRequest(
      (request) =>
        request.url().startsWith(urls.issuer) &&
        (request.postData() ?? '').includes('grant_type=refresh_token'),
    );
    await mainNav(page).getByRole('link', { name: 'Analytics' }).click();
    await refresh;
    await expect(
      page.getByRole('heading', { level: 1, name: 'Oracle AI did not accept your sign-in' }),
    ).toBeVisible();
    expect(refusals).toBe(2);
  });
});
