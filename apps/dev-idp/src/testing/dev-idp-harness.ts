import { createHash, randomBytes } from 'node:crypto';
import {
  DevIdpBrowser,
  type Landing,
  type TokenResponse,
} from '@oracle-ai/shared/data-access-dev-idp-client';
import { findFreePort } from '@oracle-ai/shared/testing-node-process';
import type { DevIdpConfig } from '../config';
import { startDevIdpServer, type DevIdpServer } from '../server';

export const SPA_ORIGIN = 'http://localhost:4200';
export const SPA_REDIRECT_URI = `${SPA_ORIGIN}/auth/callback`;
export const SPA_LOGGED_OUT_URI = `${SPA_ORIGIN}/logged-out`;

/** The dev IdP in this process on a free loopback port, configured as main.ts would by default. */
export async function startTestIdp(overrides: Partial<DevIdpConfig> = {}): Promise<DevIdpServer> {
  const port = await findFreePort();
  return startDevIdpServer({
    port,
    issuer: `http://localhost:${port}`,
    webOrigins: [SPA_ORIGIN],
    accessTokenTtlS: 300,
    refreshTokenMaxLifetimeS: 8 * 60 * 60,
    enableTestEndpoints: false,
    ...overrides,
  });
}

export function createPkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** An authorization request of the SPA, `overrides` replacing (or, when undefined, removing) params. */
export function spaAuthorizationUrl(
  issuer: string,
  challenge: string,
  overrides: Record<string, string | undefined> = {},
): URL {
  const params: Record<string, string | undefined> = {
    client_id: 'oracle-ai-web',
    response_type: 'code',
    scope: 'openid profile email',
    redirect_uri: SPA_REDIRECT_URI,
    state: 'state-1',
    nonce: 'nonce-1',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    ...overrides,
  };
  const url = new URL('/auth', issuer);
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined) {
      url.searchParams.set(name, value);
    }
  }
  return url;
}

export function expectPage(landing: Landing): Extract<Landing, { kind: 'page' }> {
  if (landing.kind !== 'page') {
    throw new Error(`expected an IdP page, got a redirect to ${landing.location.href}`);
  }
  return landing;
}

export function expectRedirect(landing: Landing): URL {
  if (landing.kind !== 'redirect') {
    throw new Error(`expected a redirect, got HTTP ${landing.status} at ${landing.url.href}`);
  }
  return landing.location;
}

export async function postToken(
  issuer: string,
  params: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(new URL('/token', issuer), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(params),
  });
}

/** Logs `username` into the SPA client through the login form and redeems the code. */
export async function loginToSpa(
  issuer: string,
  username = 'alice',
): Promise<{ browser: DevIdpBrowser; tokens: TokenResponse }> {
  const browser = new DevIdpBrowser(issuer);
  const { verifier, challenge } = createPkce();
  const loginPage = expectPage(await browser.navigate(spaAuthorizationUrl(issuer, challenge)));
  const callback = expectRedirect(await browser.submitLogin(loginPage, username, username));
  const response = await postToken(issuer, {
    grant_type: 'authorization_code',
    client_id: 'oracle-ai-web',
    code: callback.searchParams.get('code') ?? '',
    redirect_uri: SPA_REDIRECT_URI,
    code_verifier: verifier,
  });
  if (!response.ok) {
    throw new Error(`token request failed: HTTP ${response.status} ${await response.text()}`);
  }
  return { browser, tokens: (await response.json()) as TokenResponse };
}

/** The provider's logout form on the logout page: where it posts, and its xsrf token. */
export function logoutFormOf(html: string): { action: string; xsrf: string } {
  return {
    action: /<form id="op.logoutForm" method="post" action="([^"]+)"/.exec(html)?.[1] ?? '',
    xsrf: /name="xsrf" value="([^"]+)"/.exec(html)?.[1] ?? '',
  };
}
