import { Page } from '@playwright/test';
import { expect, signIn, test } from './support/fixtures';

/**
 * RFC 9207 mix-up defence: the IdP's redirect to /auth/callback gets its `iss` rewritten or
 * dropped, code and state kept, as if another issuer had sent the browser back. Playwright routes
 * only the first request of a redirect chain, so the login form's POST is intercepted: its
 * redirects through the IdP are followed here, and the browser is sent to the rewritten callback.
 */
async function rewriteCallbackIssuer(
  page: Page,
  issuer: string,
  rewrite: (params: URLSearchParams) => void,
): Promise<void> {
  await page.route(
    (url) => url.origin === issuer && url.pathname.startsWith('/interaction/'),
    async (route) => {
      if (route.request().method() !== 'POST') return route.fallback();
      const callback = new URL((await route.fetch()).url());
      expect(callback.pathname).toBe('/auth/callback');
      expect(callback.searchParams.get('code')).toBeTruthy();
      rewrite(callback.searchParams);
      await route.fulfill({ status: 303, headers: { location: callback.href } });
    },
  );
}

/** Counts the browser's authorization and token requests to the IdP. */
function watchIdpRequests(page: Page, issuer: string) {
  const seen = { authorization: 0, token: 0 };
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.origin !== new URL(issuer).origin) return;
    if (url.pathname === '/auth') seen.authorization++;
    if (url.pathname === '/token') seen.token++;
  });
  return seen;
}

/** Serves the IdP's discovery document without `authorization_response_iss_parameter_supported`. */
async function withoutIssuerAdvertisement(page: Page, issuer: string): Promise<void> {
  await page.route(`${issuer}/.well-known/openid-configuration`, async (route) => {
    const response = await route.fetch();
    const metadata = (await response.json()) as Record<string, unknown>;
    expect(metadata['authorization_response_iss_parameter_supported']).toBe(true);
    delete metadata['authorization_response_iss_parameter_supported'];
    await route.fulfill({ response, json: metadata });
  });
}

async function expectRefusedBeforeExchange(
  page: Page,
  seen: { authorization: number; token: number },
) {
  await expect(
    page.getByRole('heading', { level: 1, name: 'This sign-in could not be trusted' }),
  ).toBeVisible();
  await expect(page).toHaveURL(/\/auth-error\?reason=issuer_mismatch$/);
  await expect(page.getByRole('complementary', { name: 'For operators' })).toContainText(
    'authorization_response_iss_parameter_supported',
  );
  // No code exchange, no automatic retry, and the single-use login values are gone.
  expect(seen).toEqual({ authorization: 1, token: 0 });
  expect(await page.evaluate(() => Object.keys(sessionStorage))).toEqual([]);
}

test.describe('authorization response issuer (RFC 9207)', () => {
  test('a callback naming another issuer is refused before the code is exchanged', async ({
    page,
    urls,
  }) => {
    const seen = watchIdpRequests(page, urls.issuer);
    await rewriteCallbackIssuer(page, urls.issuer, (params) =>
      params.set('iss', 'https://evil.example'),
    );
    await page.goto('/chat');
    await signIn(page, 'alice');
    await expectRefusedBeforeExchange(page, seen);
  });

  test('a callback without iss is refused when the IdP advertises the parameter', async ({
    page,
    urls,
  }) => {
    const seen = watchIdpRequests(page, urls.issuer);
    await rewriteCallbackIssuer(page, urls.issuer, (params) => params.delete('iss'));
    await page.goto('/chat');
    await signIn(page, 'alice');
    await expectRefusedBeforeExchange(page, seen);
  });

  test('an IdP that does not advertise the parameter may leave it out', async ({ page, urls }) => {
    await withoutIssuerAdvertisement(page, urls.issuer);
    await rewriteCallbackIssuer(page, urls.issuer, (params) => params.delete('iss'));
    await page.goto('/chat');
    await signIn(page, 'alice');
    await expect(page.getByRole('heading', { level: 1, name: 'Chat' })).toBeVisible();
  });

  test('a wrong iss is refused even when the IdP does not advertise the parameter', async ({
    page,
    urls,
  }) => {
    const seen = watchIdpRequests(page, urls.issuer);
    await withoutIssuerAdvertisement(page, urls.issuer);
    await rewriteCallbackIssuer(page, urls.issuer, (params) =>
      params.set('iss', `${urls.issuer}/`),
    );
    await page.goto('/chat');
    await signIn(page, 'alice');
    await expectRefusedBeforeExchange(page, seen);
  });
});
