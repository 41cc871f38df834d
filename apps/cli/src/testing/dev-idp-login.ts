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
