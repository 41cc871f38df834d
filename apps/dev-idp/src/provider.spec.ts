import { DevIdpBrowser, type TokenResponse } from '@oracle-ai/shared/data-access-dev-idp-client';
import { createRemoteJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify } from 'jose';
import type { DevIdpServer } from './server';
import {
  createPkce,
  expectPage,
  expectRedirect,
  loginToSpa,
  logoutFormOf,
  postToken,
  SPA_LOGGED_OUT_URI,
  SPA_ORIGIN,
  SPA_REDIRECT_URI,
  spaAuthorizationUrl,
  startTestIdp,
} from './testing/dev-idp-harness';
import { fakeDateOnly } from './testing/fake-date';

jest.setTimeout(15_000);

describe('dev IdP provider', () => {
  let idp: DevIdpServer;

  beforeAll(async () => {
    idp = await startTestIdp();
  });

  afterAll(async () => {
    await idp.close();
  });

  it('serves discovery for its localhost issuer, with S256 as the only PKCE method', async () => {
    const response = await fetch(`${idp.issuer}/.well-known/openid-configuration`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      issuer: idp.issuer,
      authorization_endpoint: `${idp.issuer}/auth`,
      token_endpoint: `${idp.issuer}/token`,
      jwks_uri: `${idp.issuer}/jwks`,
      end_session_endpoint: `${idp.issuer}/session/end`,
      code_challenge_methods_supported: ['S256'],
    });
  });

  it('publishes only the public part of its RS256 signing key', async () => {
    const { keys } = (await (await fetch(`${idp.issuer}/jwks`)).json()) as {
      keys: Record<string, unknown>[];
    };
    expect(keys).toEqual([
      {
        kty: 'RSA',
        alg: 'RS256',
        use: 'sig',
        kid: expect.any(String),
        n: expect.any(String),
        e: 'AQAB',
      },
    ]);
  });

  describe('login form', () => {
    it('has labelled Username and Password inputs and loads nothing from elsewhere', async () => {
      const page = expectPage(
        await new DevIdpBrowser(idp.issuer).navigate(
          spaAuthorizationUrl(idp.issuer, createPkce().challenge),
        ),
      );
      expect(page.status).toBe(200);
      expect(page.html).toContain('<label for="username">Username</label>');
      expect(page.html).toContain('<label for="password">Password</label>');
      expect(page.html).toContain('<button type="submit">Sign in</button>');
      expect(page.html).not.toMatch(/https?:\/\//);
    });

    it('refuses a wrong password with a message and shows the form again', async () => {
      const browser = new DevIdpBrowser(idp.issuer);
      const page = expectPage(
        await browser.navigate(spaAuthorizationUrl(idp.issuer, createPkce().challenge)),
      );
      const refused = expectPage(await browser.submitLogin(page, 'alice', 'bob'));
      expect(refused.status).toBe(401);
      expect(refused.html).toContain('role="alert">Unknown user or wrong password.</p>');
      expect(refused.html).toContain('value="alice"');

      const callback = expectRedirect(await browser.submitLogin(refused, 'alice', 'alice'));
      expect(callback.searchParams.get('code')).toBeTruthy();
    });

    it('refuses an unknown user', async () => {
      const browser = new DevIdpBrowser(idp.issuer);
      const page = expectPage(
        await browser.navigate(spaAuthorizationUrl(idp.issuer, createPkce().challenge)),
      );
      expect(expectPage(await browser.submitLogin(page, 'mallory', 'mallory')).status).toBe(401);
    });
  });

  describe('oracle-ai-web (the SPA)', () => {
    let tokens: TokenResponse;

    beforeAll(async () => {
      ({ tokens } = await loginToSpa(idp.issuer, 'alice'));
    });

    it('gets an RS256 at+jwt access token for oracle-ai-api with the groups, for 5 minutes', async () => {
      expect(tokens).toMatchObject({ token_type: 'Bearer', expires_in: 300 });
      expect(decodeProtectedHeader(tokens.access_token)).toMatchObject({
        alg: 'RS256',
        typ: 'at+jwt',
      });
      const { payload } = await jwtVerify(
        tokens.access_token,
        createRemoteJWKSet(new URL(`${idp.issuer}/jwks`)),
        { issuer: idp.issuer, audience: 'oracle-ai-api', algorithms: ['RS256'], typ: 'at+jwt' },
      );
      expect(payload).toMatchObject({
        sub: 'a1f0c7e2-0001-4d2b-9b1e-00000000a11c',
        preferred_username: 'alice',
        groups: ['database', 'oracle-ai-users'],
        client_id: 'oracle-ai-web',
      });
      expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(300);
    });

    it('gets an ID token with name, email, groups and the nonce', () => {
      expect(decodeJwt(tokens.id_token)).toMatchObject({
        iss: idp.issuer,
        aud: 'oracle-ai-web',
        nonce: 'nonce-1',
        sub: 'a1f0c7e2-0001-4d2b-9b1e-00000000a11c',
        preferred_username: 'alice',
        name: 'Alice Archer',
        email: 'alice@example.com',
        groups: ['database', 'oracle-ai-users'],
      });
    });

    it('gets a refresh token without asking for offline_access', () => {
      expect(tokens.refresh_token).toEqual(expect.any(String));
    });
  });

  describe('authorization request checks', () => {
    it('requires PKCE', async () => {
      const url = spaAuthorizationUrl(idp.issuer, '', {
        code_challenge: undefined,
        code_challenge_method: undefined,
      });
      const callback = expectRedirect(await new DevIdpBrowser(idp.issuer).navigate(url));
      expect(callback.origin + callback.pathname).toBe(SPA_REDIRECT_URI);
      expect(callback.searchParams.get('error')).toBe('invalid_request');
      expect(callback.searchParams.get('error_description')).toMatch(/PKCE/);
    });

    it('refuses the plain PKCE method', async () => {
      const url = spaAuthorizationUrl(idp.issuer, 'a'.repeat(43), {
        code_challenge_method: 'plain',
      });
      const callback = expectRedirect(await new DevIdpBrowser(idp.issuer).navigate(url));
      expect(callback.searchParams.get('error')).toBe('invalid_request');
      expect(callback.searchParams.get('error_description')).toMatch(/code_challenge_method/);
    });

    it('refuses an unregistered redirect URI without redirecting to it', async () => {
      const url = spaAuthorizationUrl(idp.issuer, createPkce().challenge, {
        redirect_uri: `${SPA_ORIGIN}/auth/callback/other`,
      });
      const page = expectPage(await new DevIdpBrowser(idp.issuer).navigate(url));
      expect(page.status).toBe(400);
      expect(page.html).toContain('redirect_uri did not match any of the client');
    });

    it('refuses a code redeemed with the wrong verifier', async () => {
      const browser = new DevIdpBrowser(idp.issuer);
      const page = expectPage(
        await browser.navigate(spaAuthorizationUrl(idp.issuer, createPkce().challenge)),
      );
      const callback = expectRedirect(await browser.submitLogin(page, 'bob', 'bob'));
      const response = await postToken(idp.issuer, {
        grant_type: 'authorization_code',
        client_id: 'oracle-ai-web',
        code: callback.searchParams.get('code') ?? '',
        redirect_uri: SPA_REDIRECT_URI,
        code_verifier: createPkce().verifier,
      });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: 'invalid_grant' });
    });
  });

  describe('refresh tokens', () => {
    it('rotate on use, and replaying a used one is invalid_grant', async () => {
      const { tokens } = await loginToSpa(idp.issuer, 'bob');
      const refresh = (refreshToken: string) =>
        postToken(idp.issuer, {
          grant_type: 'refresh_token',
          client_id: 'oracle-ai-web',
          refresh_token: refreshToken,
        });

      const first = await refresh(tokens.refresh_token ?? '');
      expect(first.status).toBe(200);
      const rotated = (await first.json()) as TokenResponse;
      expect(rotated.refresh_token).toEqual(expect.any(String));
      expect(rotated.refresh_token).not.toBe(tokens.refresh_token);
      expect(decodeJwt(rotated.access_token)).toMatchObject({
        aud: 'oracle-ai-api',
        groups: ['database'],
      });

      const replay = await refresh(tokens.refresh_token ?? '');
      expect(replay.status).toBe(400);
      expect(await replay.json()).toMatchObject({ error: 'invalid_grant' });

      // The reuse revoked the whole grant: the legitimate successor is dead too.
      const successor = await refresh(rotated.refresh_token ?? '');
      expect(successor.status).toBe(400);
      expect(await successor.json()).toMatchObject({ error: 'invalid_grant' });
    });

    describe('lifetime, counted from the first refresh token of the grant', () => {
      const MAX_LIFETIME_S = 60;
      let capped: DevIdpServer;

      beforeAll(async () => {
        capped = await startTestIdp({ refreshTokenMaxLifetimeS: MAX_LIFETIME_S });
      });

      afterAll(async () => {
        await capped.close();
      });

      afterEach(() => {
        jest.useRealTimers();
      });

      /** Moves the IdP's clock (Date only: timers and I/O run as usual). */
      const advanceClock = (seconds: number) => jest.setSystemTime(Date.now() + seconds * 1000);
      const refresh = (refreshToken: string | undefined) =>
        postToken(capped.issuer, {
          grant_type: 'refresh_token',
          client_id: 'oracle-ai-web',
          refresh_token: refreshToken ?? '',
        });

      it('is not extended by rotation: the last rotation before the cap dies at the cap', async () => {
        const { tokens } = await loginToSpa(capped.issuer, 'alice');
        fakeDateOnly();

        advanceClock(40);
        const first = await refresh(tokens.refresh_token);
        expect(first.status).toBe(200);
        const rotatedOnce = (await first.json()) as TokenResponse;

        advanceClock(15); // 55 s: a lifetime renewed on rotation would now last until 115 s
        const second = await refresh(rotatedOnce.refresh_token);
        expect(second.status).toBe(200);
        const rotatedTwice = (await second.json()) as TokenResponse;

        advanceClock(10); // 65 s: past the cap, 10 s after the last rotation
        const third = await refresh(rotatedTwice.refresh_token);
        expect(third.status).toBe(400);
        expect(await third.json()).toMatchObject({ error: 'invalid_grant' });
      });

      it('starts again with a new grant, i.e. a new sign-in', async () => {
        const { tokens } = await loginToSpa(capped.issuer, 'bob');
        fakeDateOnly();
        advanceClock(MAX_LIFETIME_S - 5);
        expect((await refresh(tokens.refresh_token)).status).toBe(200);
      });
    });
  });

  describe('CORS on the token endpoint', () => {
    const refreshFrom = (origin: string) =>
      postToken(
        idp.issuer,
        { grant_type: 'refresh_token', client_id: 'oracle-ai-web', refresh_token: 'unknown' },
        { origin },
      );

    it('allows the SPA origin', async () => {
      const response = await refreshFrom(SPA_ORIGIN);
      expect(response.headers.get('access-control-allow-origin')).toBe(SPA_ORIGIN);
    });

    it.each(['/token', '/token/revocation'])(
      'answers the preflight for the SPA origin on %s',
      async (path) => {
        const response = await fetch(`${idp.issuer}${path}`, {
          method: 'OPTIONS',
          headers: {
            origin: SPA_ORIGIN,
            'access-control-request-method': 'POST',
            'access-control-request-headers': 'content-type',
          },
        });
        expect(response.status).toBe(204);
        expect(response.headers.get('access-control-allow-origin')).toBe(SPA_ORIGIN);
      },
    );

    it('does not allow another origin', async () => {
      const response = await refreshFrom('http://evil.example');
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
    });
  });

  describe('token revocation (RFC 7009)', () => {
    const revoke = (params: Record<string, string>, headers: Record<string, string> = {}) =>
      fetch(`${idp.issuer}/token/revocation`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        body: new URLSearchParams(params),
      });

    it('is advertised in discovery', async () => {
      const response = await fetch(`${idp.issuer}/.well-known/openid-configuration`);
      expect(await response.json()).toMatchObject({
        revocation_endpoint: `${idp.issuer}/token/revocation`,
      });
    });

    it('revokes a refresh token of the public SPA client, which is then refused', async () => {
      const { tokens } = await loginToSpa(idp.issuer, 'bob');
      const refreshToken = tokens.refresh_token ?? '';
      const revoked = await revoke(
        { token: refreshToken, token_type_hint: 'refresh_token', client_id: 'oracle-ai-web' },
        { origin: SPA_ORIGIN },
      );
      expect(revoked.status).toBe(200);
      expect(revoked.headers.get('access-control-allow-origin')).toBe(SPA_ORIGIN);

      const refresh = await postToken(idp.issuer, {
        grant_type: 'refresh_token',
        client_id: 'oracle-ai-web',
        refresh_token: refreshToken,
      });
      expect(refresh.status).toBe(400);
      expect(await refresh.json()).toMatchObject({ error: 'invalid_grant' });
    });

    it("lets no other client revoke the SPA's refresh token", async () => {
      const { tokens } = await loginToSpa(idp.issuer, 'bob');
      const refreshToken = tokens.refresh_token ?? '';
      const revoked = await revoke({ token: refreshToken, client_id: 'oracle-ai-cli' });
      expect(revoked.status).toBe(200);
      const refresh = await postToken(idp.issuer, {
        grant_type: 'refresh_token',
        client_id: 'oracle-ai-web',
        refresh_token: refreshToken,
      });
      expect(refresh.status).toBe(200);
    });

    it('does not allow another origin', async () => {
      const response = await revoke(
        { token: 'unknown', token_type_hint: 'refresh_token', client_id: 'oracle-ai-web' },
        { origin: 'http://evil.example' },
      );
      expect(response.status).toBe(400);
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
    });
  });

  describe('RP-initiated logout', () => {
    it('ends the IdP session and its refresh tokens, landing on the post-logout URI', async () => {
      const { browser, tokens } = await loginToSpa(idp.issuer, 'alice');

      // While the session lives, a new authorization request needs no login.
      const silent = expectRedirect(
        await browser.navigate(spaAuthorizationUrl(idp.issuer, createPkce().challenge)),
      );
      expect(silent.searchParams.get('code')).toBeTruthy();

      const logoutUrl = new URL('/session/end', idp.issuer);
      logoutUrl.search = new URLSearchParams({
        id_token_hint: tokens.id_token,
        post_logout_redirect_uri: SPA_LOGGED_OUT_URI,
        state: 'bye',
      }).toString();
      const confirmation = expectPage(await browser.navigate(logoutUrl));
      expect(confirmation.html).toContain("document.getElementById('op.logoutForm').submit()");
      const landed = expectRedirect(await submitLogoutForm(browser, confirmation.html));
      expect(landed.href).toBe(`${SPA_LOGGED_OUT_URI}?state=bye`);

      const afterLogout = expectPage(
        await browser.navigate(spaAuthorizationUrl(idp.issuer, createPkce().challenge)),
      );
      expect(afterLogout.html).toContain('Sign in');

      const refresh = await postToken(idp.issuer, {
        grant_type: 'refresh_token',
        client_id: 'oracle-ai-web',
        refresh_token: tokens.refresh_token ?? '',
      });
      expect(refresh.status).toBe(400);
      expect(await refresh.json()).toMatchObject({ error: 'invalid_grant' });
    });

    it('refuses an unregistered post-logout redirect URI', async () => {
      const { browser, tokens } = await loginToSpa(idp.issuer, 'alice');
      const logoutUrl = new URL('/session/end', idp.issuer);
      logoutUrl.search = new URLSearchParams({
        id_token_hint: tokens.id_token,
        post_logout_redirect_uri: 'http://evil.example/logged-out',
      }).toString();
      const page = expectPage(await browser.navigate(logoutUrl));
      expect(page.status).toBe(400);
      expect(page.html).toContain('post_logout_redirect_uri not registered');
    });
  });
});

/** What the logout page's script does: post the provider's form, with its xsrf, confirming. */
async function submitLogoutForm(browser: DevIdpBrowser, html: string) {
  const { action, xsrf } = logoutFormOf(html);
  const response = await browser.fetch(action, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ xsrf, logout: 'yes' }),
  });
  const location = response.headers.get('location');
  return location && new URL(location).origin !== new URL(browser.issuer).origin
    ? { kind: 'redirect' as const, location: new URL(location) }
    : {
        kind: 'page' as const,
        url: new URL(action),
        status: response.status,
        html: await response.text(),
      };
}
