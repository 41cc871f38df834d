import { expect, mainNav, signIn, test } from './support/fixtures';
import { recordResponses, type RecordedResponse } from './support/response-bodies';

test.describe('session', () => {
  test('a reload restores the session through the IdP session, without the password', async ({
    page,
    urls,
  }) => {
    await page.goto('/profile');
    await signIn(page, 'alice');
    await expect(page.getByRole('heading', { level: 1, name: 'Profile' })).toBeVisible();

    const idpPagesShown: string[] = [];
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame() && frame.url().startsWith(urls.issuer)) {
        idpPagesShown.push(frame.url());
      }
    });
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'Profile' })).toBeVisible();
    await expect(page).toHaveURL(/\/profile$/);
    expect(idpPagesShown).toEqual([]);
    await expect(page.getByLabel('Password')).toHaveCount(0);
  });

  test('logout ends the IdP session: signing in again asks for the password', async ({ page }) => {
    await page.goto('/');
    await signIn(page, 'alice');
    await expect(page.getByRole('heading', { level: 1, name: 'Chat' })).toBeVisible();

    await page.getByRole('button', { name: 'Log out' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'You are signed out' })).toBeVisible();
    await expect(page).toHaveURL(/\/logged-out$/);

    await page.getByRole('button', { name: 'Sign in again' }).click();
    await expect(page.getByLabel('Password')).toBeVisible();
    await signIn(page, 'bob');
    await expect(page.getByRole('heading', { level: 1, name: 'Analytics' })).toBeVisible();
  });

  test('logging out in one tab sends the other tabs to /logged-out', async ({ page, context }) => {
    await page.goto('/');
    await signIn(page, 'alice');
    await expect(page.getByRole('heading', { level: 1, name: 'Chat' })).toBeVisible();

    const other = await context.newPage();
    await other.goto('/analytics');
    await expect(other.getByRole('heading', { level: 1, name: 'Analytics' })).toBeVisible();

    await page.getByRole('button', { name: 'Log out' }).click();
    await expect(
      other.getByRole('heading', { level: 1, name: 'You are signed out' }),
    ).toBeVisible();
    await expect(mainNav(other)).toHaveCount(0);
  });

  test('the access token is refreshed in the background and the new one is used', async ({
    page,
    urls,
    tokenScheme,
  }) => {
    test.slow();
    const tokenResponses = await recordResponses(page, `${urls.issuer}/token`);
    await page.goto('/');
    await signIn(page, 'alice');
    await expect(page.getByRole('heading', { level: 1, name: 'Chat' })).toBeVisible();

    const isRefresh = (response: RecordedResponse) =>
      (response.request.postData() ?? '').includes('grant_type=refresh_token');
    await expect.poll(() => tokenResponses.some(isRefresh), { timeout: 60_000 }).toBe(true);
    const refreshed = tokenResponses.find(isRefresh) as RecordedResponse;
    expect(refreshed.status).toBe(200);
    // With DPoP the refresh carries a proof and the new token is bound again.
    expect(refreshed.request.headers()['dpop'] !== undefined).toBe(tokenScheme === 'DPoP');
    const body = JSON.parse(refreshed.body) as { access_token: string; token_type: string };
    expect(body.token_type).toBe(tokenScheme);
    const newToken = body.access_token;

    const chatRequest = page.waitForRequest(`${urls.apiOrigin}/api/chat`);
    await mainNav(page).getByRole('link', { name: 'Analytics' }).click();
    // Left for good before coming back: a click on Chat while the analytics page still loads
    // would cancel that navigation, and the chat page would not be made (nor ask) again.
    await expect(page.getByRole('heading', { level: 1, name: 'Analytics' })).toBeVisible();
    await mainNav(page).getByRole('link', { name: 'Chat' }).click();
    expect((await chatRequest).headers()['authorization']).toBe(`${tokenScheme} ${newToken}`);
    await expect(page.getByRole('heading', { level: 1, name: 'Chat' })).toBeVisible();
  });
});
