import { DevIdpBrowser, type TokenResponse } from '@oracle-ai/shared/data-access-dev-idp-client';
import type { DevIdpServer } from './server';
import {
  createPkce,
  expectPage,
  expectRedirect,
  logoutFormOf,
  postToken,
  startTestIdp,
} from './testing/dev-idp-harness';
import { fakeDateOnly } from './testing/fake-date';

jest.setTimeout(15_000);

const CLI_REDIRECT_URI = 'http://127.0.0.1:49152/callback';

/**
 * `oracle-ai login` as the dev IdP sees it: client `oracle-ai-cli`, a loopback redirect, and
 * `offline_access` with `prompt=consent` (without which oidc-provider drops the scope).
 */
async function loginToCli(
  issuer: string,
  username: string,
  params: Record<string, string> = {},
): Promise<{ browser: DevIdpBrowser; tokens: TokenResponse }> {
  const { verifier, challenge } = createPkce();
  const url = new URL('/auth', issuer);
  url.search = new URLSearchParams({
    client_id: 'oracle-ai-cli',
    response_type: 'code',
    scope: 'openid profile offline_access',
    prompt: 'consent',
    redirect_uri: CLI_REDIRECT_URI,
    state: 'state-1',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    ...params,
  }).toString();
  const browser = new DevIdpBrowser(issuer);
  const loginPage = expectPage(await browser.navigate(url));
  const callback = expectRedirect(await browser.submitLogin(loginPage, username, username));
  const response = await postToken(issuer, {
    grant_type: 'authorization_code',
    client_id: 'oracle-ai-cli',
    code: callback.searchParams.get('code') ?? '',
    redirect_uri: params['redirect_uri'] ?? CLI_REDIRECT_URI,
    code_verifier: verifier,
  });
  if (!response.ok) throw new Error(`token request failed: ${await response.text()}`);
  return { browser, tokens: (await response.json()) as TokenResponse };
}

const refresh = (issuer: string, refreshToken: string | undefined) =>
  postToken(issuer, {
    grant_type: 'refresh_token',
    client_id: 'oracle-ai-cli',
    refresh_token: refreshToken ?? '',
  });

/** Signs the browser out of the IdP, as the SPA's logout does (its session, not the CLI's grant). */
async function endBrowserSession(issuer: string, browser: DevIdpBrowser): Promise<void> {
  const confirmation = expectPage(await browser.navigate(new URL('/session/end', issuer)));
  const { action, xsrf } = logoutFormOf(confirmation.html);
  const response = await browser.fetch(action, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ xsrf, logout: 'yes' }),
  });
  expect(response.status).toBeLessThan(400);
}

describe('oracle-ai-cli (the command line)', () => {
  let idp: DevIdpServer;

  beforeAll(async () => {
    idp = await startTestIdp();
  });

  afterAll(async () => {
    await idp.close();
  });

  it('accepts any port of http://127.0.0.1/callback (RFC 8252 §7.3), not localhost', async () => {
    await expect(
      loginToCli(idp.issuer, 'alice', { redirect_uri: 'http://127.0.0.1:8400/callback' }),
    ).resolves.toMatchObject({ tokens: { refresh_token: expect.any(String) } });
    const browser = new DevIdpBrowser(idp.issuer);
    const url = new URL('/auth', idp.issuer);
    url.search = new URLSearchParams({
      client_id: 'oracle-ai-cli',
      response_type: 'code',
      scope: 'openid',
      redirect_uri: 'http://localhost:8400/callback',
      code_challenge: createPkce().challenge,
      code_challenge_method: 'S256',
    }).toString();
    const refused = expectPage(await browser.navigate(url));
    expect(refused.status).toBe(400);
    expect(refused.html).toContain('redirect_uri did not match any of the client');
  });

  it('grants offline_access with prompt=consent: the refresh token outlives the browser session', async () => {
    const { browser, tokens } = await loginToCli(idp.issuer, 'alice');
    await endBrowserSession(idp.issuer, browser);
    expect((await refresh(idp.issuer, tokens.refresh_token)).status).toBe(200);
  });

  it('without prompt=consent the refresh token dies with the browser session', async () => {
    const { browser, tokens } = await loginToCli(idp.issuer, 'alice', { prompt: 'login' });
    await endBrowserSession(idp.issuer, browser);
    const response = await refresh(idp.issuer, tokens.refresh_token);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('rotates refresh tokens on every use; a replayed one revokes the grant', async () => {
    const { tokens } = await loginToCli(idp.issuer, 'bob');
    const first = await refresh(idp.issuer, tokens.refresh_token);
    const rotated = (await first.json()) as TokenResponse;
    expect(rotated.refresh_token).not.toBe(tokens.refresh_token);
    expect((await refresh(idp.issuer, tokens.refresh_token)).status).toBe(400);
    expect((await refresh(idp.issuer, rotated.refresh_token)).status).toBe(400);
  });

  it('lets the command line revoke its refresh token (logout)', async () => {
    const { tokens } = await loginToCli(idp.issuer, 'dave');
    const revoked = await fetch(new URL('/token/revocation', idp.issuer), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        token: tokens.refresh_token ?? '',
        token_type_hint: 'refresh_token',
        client_id: 'oracle-ai-cli',
      }),
    });
    expect(revoked.status).toBe(200);
    expect((await refresh(idp.issuer, tokens.refresh_token)).status).toBe(400);
  });

  describe('refresh token lifetime', () => {
    let capped: DevIdpServer;

    beforeAll(async () => {
      capped = await startTestIdp({ refreshTokenMaxLifetimeS: 60 });
    });

    afterAll(async () => {
      await capped.close();
    });

    afterEach(() => {
      jest.useRealTimers();
    });

    const advanceClock = (seconds: number) => jest.setSystemTime(Date.now() + seconds * 1000);

    it('is capped from sign-in as for the SPA, offline_access or not', async () => {
      const { tokens } = await loginToCli(capped.issuer, 'alice');
      fakeDateOnly();
      advanceClock(50);
      const rotated = await refresh(capped.issuer, tokens.refresh_token);
      expect(rotated.status).toBe(200);
      advanceClock(15); // 65 s: past the cap, 15 s after the rotation
      const late = await refresh(
        capped.issuer,
        ((await rotated.json()) as TokenResponse).refresh_token,
      );
      expect(late.status).toBe(400);
      expect(await late.json()).toMatchObject({ error: 'invalid_grant' });
    });
  });
});
