import { createHash, randomBytes } from 'node:crypto';
import {
  DevIdpBrowser,
  type Landing,
  type TokenResponse,
} from '@oracle-ai/shared/data-access-dev-idp-client';
import { findFreePort } from '@oracle-ai/shared/testing-node-process';
import { generateProof, type KeyPair } from 'dpop';
import type { DevIdpConfig } from '../config';
import { startDevIdpServer, type DevIdpServer } from '../server';

export const SPA_ORIGIN = 'http://localhost:4200';
export const SPA_REDIRECT_URI = `${SPA_ORIGIN}/auth/callback`;
export const SPA_LOGGED_OUT_URI = `${SPA_ORIGIN}/logged-out`;
/** A loopback callback of the command line (`oracle-ai-cli` accepts any port of it). */
export const CLI_REDIRECT_URI = 'http://127.0.0.1:49152/callback';

/**
 * The dev IdP in this process on a free loopback port, configured as main.ts would by default but
 * with DPoP off unless `dpop: true`: most specs exercise the non-DPoP path.
 */
export async function startTestIdp(overrides: Partial<DevIdpConfig> = {}): Promise<DevIdpServer> {
  const port = await findFreePort();
  return startDevIdpServer({
    port,
    issuer: `http://localhost:${port}`,
    webOrigins: [SPA_ORIGIN],
    accessTokenTtlS: 300,
    refreshTokenMaxLifetimeS: 8 * 60 * 60,
    dpop: false,
    dpopNonce: false,
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
  return authorizationUrl(issuer, {
    client_id: 'oracle-ai-web',
    response_type: 'code',
    scope: 'openid profile email',
    redirect_uri: SPA_REDIRECT_URI,
    state: 'state-1',
    nonce: 'nonce-1',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    ...overrides,
  });
}

/** An authorization request of the command line, `overrides` replacing (or, when undefined, removing) params. */
export function cliAuthorizationUrl(
  issuer: string,
  challenge: string,
  overrides: Record<string, string | undefined> = {},
): URL {
  return authorizationUrl(issuer, {
    client_id: 'oracle-ai-cli',
    response_type: 'code',
    scope: 'openid',
    redirect_uri: CLI_REDIRECT_URI,
    code_challenge: challenge,
    code_challenge_method: 'S256',
    ...overrides,
  });
}

function authorizationUrl(issuer: string, params: Record<string, string | undefined>): URL {
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

/** A DPoP proof (RFC 9449 §4) for a request to the token endpoint of `issuer`. */
export function tokenRequestProof(issuer: string, key: KeyPair, nonce?: string): Promise<string> {
  return generateProof(key, new URL('/token', issuer).href, 'POST', nonce);
}

export interface SpaLoginOptions {
  /** Sends a DPoP proof by this key with the code exchange. */
  dpop?: KeyPair;
  /** Extra authorization request parameters, e.g. `dpop_jkt`. */
  authorizationParams?: Record<string, string>;
}

/** Signs `username` in through the login form and returns the redirect with the code. */
export async function authorizeSpa(
  issuer: string,
  username: string,
  challenge: string,
  authorizationParams: Record<string, string> = {},
): Promise<{ browser: DevIdpBrowser; code: string }> {
  const browser = new DevIdpBrowser(issuer);
  const url = spaAuthorizationUrl(issuer, challenge, authorizationParams);
  const loginPage = expectPage(await browser.navigate(url));
  const callback = expectRedirect(await browser.submitLogin(loginPage, username, username));
  return { browser, code: callback.searchParams.get('code') ?? '' };
}

/** The SPA's code exchange; `headers` may carry a DPoP proof. */
export function redeemSpaCode(
  issuer: string,
  code: string,
  verifier: string,
  headers: Record<string, string> = {},
): Promise<Response> {
  return postToken(
    issuer,
    {
      grant_type: 'authorization_code',
      client_id: 'oracle-ai-web',
      code,
      redirect_uri: SPA_REDIRECT_URI,
      code_verifier: verifier,
    },
    headers,
  );
}

/** Logs `username` into the SPA client through the login form and redeems the code. */
export async function loginToSpa(
  issuer: string,
  username = 'alice',
  { dpop, authorizationParams }: SpaLoginOptions = {},
): Promise<{ browser: DevIdpBrowser; tokens: TokenResponse }> {
  const { verifier, challenge } = createPkce();
  const { browser, code } = await authorizeSpa(issuer, username, challenge, authorizationParams);
  const headers = dpop ? { dpop: await tokenRequestProof(issuer, dpop) } : undefined;
  const response = await redeemSpaCode(issuer, code, verifier, headers);
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
