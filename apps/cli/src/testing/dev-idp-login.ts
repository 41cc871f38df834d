import type { Page } from '@playwright/test';
import { DevIdpBrowser } from '@oracle-ai/shared/data-access-dev-idp-client';

/**
 * Plays the user's browser at the dev IdP over HTTP (fast; the Chromium journey is tested once):
 * signs `username` in at `authorizationUrl` and returns the redirect to the command line's
 * loopback listener, not yet followed.
 */
export async function authorizeAtDevIdp(
  issuer: string,
  authorizationUrl: string,
  username = 'alice',
): Promise<URL> {
  const browser = new DevIdpBrowser(issuer);
  let landing = await browser.navigate(authorizationUrl);
  if (landing.kind === 'page') landing = await browser.submitLogin(landing, username, username);
  if (landing.kind !== 'redirect') {
    throw new Error(`the sign-in stopped at ${landing.url.href} (HTTP ${landing.status})`);
  }
  return landing.location;
}

/** Fills in the dev IdP's login form in a real browser (every seeded user's password is the user name). */
export async function signInAtDevIdp(page: Page, username: string): Promise<void> {
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(username);
  await page.getByRole('button', { name: 'Sign in' }).click();
}
