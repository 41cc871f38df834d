import { Page, Route } from '@playwright/test';
import { expect, signIn, test } from './support/fixtures';
import { observeKeyPairs, proofFromPageKey } from './support/page-key-pairs';
import { recordResponses } from './support/response-bodies';

interface TokenResponseBody {
  refresh_token?: string;
}

/** Signs alice in and keeps track of the refresh token the SPA holds (it rotates on refresh). */
async function signInTrackingRefreshToken(page: Page, issuer: string): Promise<() => string> {
  const tokenResponses = await recordResponses(page, `${issuer}/token`);
  await page.goto('/');
  await signIn(page, 'alice');
  await expect(page.getByRole('heading', { level: 1, name: 'Chat' })).toBeVisible();
  return () => {
    const issued = tokenResponses
      .filter(({ status }) => status === 200)
      .map(({ body }) => (JSON.parse(body) as TokenResponseBody).refresh_token)
      .filter((token): token is string => !!token);
    return issued.at(-1) ?? '';
  };
}

async function logOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'You are signed out' })).toBeVisible();
  await expect(page).toHaveURL(/\/logged-out$/);
}

/** RP-initiated logout really ended the IdP session: signing in again asks for the password. */
async function expectIdpSessionEnded(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign in again' }).click();
  await expect(page.getByLabel('Password')).toBeVisible();
}

test.describe('logout revokes the refresh token (RFC 7009)', () => {
  test('the IdP confirms the revocation and refuses the refresh token afterwards', async ({
    page,
    request,
    urls,
    stack,
  }) => {
    await observeKeyPairs(page);
    const currentRefreshToken = await signInTrackingRefreshToken(page, urls.issuer);
    // The dev IdP also ends refresh tokens with its session: keep the session alive (answer the
    // end-session request here) so that only the revocation can have ended this token.
    await page.route(
      (url) => url.href.startsWith(`${urls.issuer}/session/end?`),
      (route) =>
        route.fulfill({ status: 302, headers: { location: `${urls.webOrigin}/logged-out` } }),
    );
    const revocation = page.waitForResponse(`${urls.issuer}/token/revocation`);
    // A DPoP-bound refresh token is refused without its key's proof whether or not it was
    // revoked: the refresh below then carries a proof the page signs with that key, made before
    // the page (and the key with it) is gone. A flawed proof would be `invalid_dpop_proof`.
    const proof =
      stack === 'dpop' ? await proofFromPageKey(page, 'POST', `${urls.issuer}/token`) : undefined;

    await logOut(page);
    const refreshToken = currentRefreshToken();
    const revoked = await revocation;
    expect(revoked.request().method()).toBe('POST');
    expect(Object.fromEntries(new URLSearchParams(revoked.request().postData() ?? ''))).toEqual({
      token: refreshToken,
      token_type_hint: 'refresh_token',
      client_id: 'oracle-ai-web',
    });
    expect(revoked.request().headers()['authorization']).toBeUndefined();
    // A DPoP-bound refresh token is revoked without a proof: only the token endpoint gets one.
    expect(revoked.request().headers()['dpop']).toBeUndefined();
    expect(revoked.status()).toBe(200);
    // Readable by the SPA: CORS allows its origin.
    expect(await revoked.headerValue('access-control-allow-origin')).toBe(urls.webOrigin);

    const refresh = await request.post(`${urls.issuer}/token`, {
      headers: proof === undefined ? {} : { dpop: proof },
      form: {
        grant_type: 'refresh_token',
        client_id: 'oracle-ai-web',
        refresh_token: refreshToken,
      },
    });
    expect(refresh.status()).toBe(400);
    expect(await refresh.json()).toMatchObject({ error: 'invalid_grant' });

    // The IdP session itself lived on: a new sign-in needs no password.
    await page.getByRole('button', { name: 'Sign in again' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Chat' })).toBeVisible();
  });

  test('logout completes when the revocation endpoint fails', async ({ page, urls }) => {
    await signInTrackingRefreshToken(page, urls.issuer);
    let attempts = 0;
    await page.route(`${urls.issuer}/token/revocation`, (route) => {
      attempts++;
      return route.abort('connectionrefused');
    });
    await logOut(page);
    expect(attempts).toBe(1);
    await expectIdpSessionEnded(page);
  });

  test('logout completes when the revocation endpoint does not answer', async ({ page, urls }) => {
    await signInTrackingRefreshToken(page, urls.issuer);
    const hanging: Route[] = [];
    await page.route(`${urls.issuer}/token/revocation`, (route) => {
      hanging.push(route);
    });
    const clickedAt = Date.now();
    await logOut(page);
    expect(hanging).toHaveLength(1);
    // Waited for the revocation, but briefly.
    expect(Date.now() - clickedAt).toBeGreaterThanOrEqual(2_000);
    await expectIdpSessionEnded(page);
    await Promise.all(hanging.map((route) => route.abort().catch(() => undefined)));
  });
});
