import { createHash, randomBytes, randomInt } from 'node:crypto';
import { DevIdpBrowser } from './dev-idp-browser';
import { DevIdpError, unreachable } from './dev-idp-error';

export interface GetTokensOptions {
  /** e.g. `http://localhost:4400` */
  issuer: string;
  username: string;
  /** Defaults to the user name, which is every seeded user's password. */
  password?: string;
}

export interface TokenResponse {
  access_token: string;
  id_token: string;
  refresh_token?: string;
  token_type: string;
  expires_in: number;
  scope?: string;
}

const CLIENT_ID = 'oracle-ai-cli';
const SCOPE = 'openid profile email';

/**
 * Tokens for a seeded user through the real grant a script uses: Authorization Code + PKCE for
 * the public `oracle-ai-cli` client with a loopback redirect (RFC 8252). The login form is filled
 * in over HTTP; the code is read from the redirect's Location, so nothing listens on the port.
 */
export async function getTokens({
  issuer,
  username,
  password = username,
}: GetTokensOptions): Promise<TokenResponse> {
  const endpoints = await discover(issuer);
  const browser = new DevIdpBrowser(issuer);
  const verifier = randomBytes(32).toString('base64url');
  const state = randomBytes(16).toString('base64url');
  const redirectUri = `http://127.0.0.1:${randomInt(49152, 65536)}/callback`;

  const authorizationUrl = new URL(endpoints.authorization_endpoint);
  authorizationUrl.search = new URLSearchParams({
    client_id: CLIENT_ID,
    response_type: 'code',
    scope: SCOPE,
    redirect_uri: redirectUri,
    state,
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
    // A fresh login every time, whatever session this browser might have.
    prompt: 'login',
  }).toString();

  let landing = await browser.navigate(authorizationUrl);
  if (landing.kind === 'page') {
    landing = await browser.submitLogin(landing, username, password);
  }
  if (landing.kind === 'page') {
    throw new DevIdpError(
      landing.status === 401 ? 'ERR_DEV_IDP_LOGIN_REFUSED' : 'ERR_DEV_IDP_GRANT_FAILED',
      landing.status === 401
        ? `dev IdP refused the login for "${username}": unknown user or wrong password`
        : `dev IdP login for "${username}" did not complete (HTTP ${landing.status} at ${landing.url.pathname})`,
    );
  }

  const response = landing.location.searchParams;
  if (response.get('error')) {
    throw new DevIdpError(
      'ERR_DEV_IDP_GRANT_FAILED',
      `dev IdP authorization failed: ${response.get('error')} (${response.get('error_description') ?? 'no description'})`,
    );
  }
  const code = response.get('code');
  if (!code || response.get('state') !== state) {
    throw new DevIdpError('ERR_DEV_IDP_GRANT_FAILED', 'dev IdP returned no code or a wrong state');
  }

  const tokenResponse = await browser.fetch(endpoints.token_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: CLIENT_ID,
      code,
      redirect_uri: redirectUri,
      code_verifier: verifier,
    }),
  });
  const body = (await tokenResponse.json()) as TokenResponse & {
    error?: string;
    error_description?: string;
  };
  if (!tokenResponse.ok) {
    throw new DevIdpError(
      'ERR_DEV_IDP_GRANT_FAILED',
      `dev IdP token request failed: ${body.error} (${body.error_description ?? 'no description'})`,
    );
  }
  return body;
}

interface Endpoints {
  authorization_endpoint: string;
  token_endpoint: string;
}

async function discover(issuer: string): Promise<Endpoints> {
  const url = `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(5000) });
  } catch (error) {
    throw unreachable(issuer, error);
  }
  if (!response.ok) {
    throw new DevIdpError(
      'ERR_DEV_IDP_UNREACHABLE',
      `no OpenID Provider at ${issuer} (HTTP ${response.status} from ${url})`,
    );
  }
  return (await response.json()) as Endpoints;
}
