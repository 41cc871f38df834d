import { request } from 'node:http';
import { DevIdpBrowser } from '@oracle-ai/shared/data-access-dev-idp-client';
import { startDevIdp, type RunningDevIdp } from '@oracle-ai/shared/testing-dev-idp';
import { signInWithBrowser, type BrowserSignInOptions } from './browser-sign-in';
import { createDpopKey } from './dpop-key';
import { IdentityProvider } from './identity-provider';
import type { TokenSet } from './token-set';

jest.setTimeout(30_000);

/** The built dev IdP: a real OpenID Provider (oidc-provider), real codes, real refresh tokens. */
describe('signInWithBrowser, against the dev IdP', () => {
  let devIdp: RunningDevIdp;
  let idp: IdentityProvider;

  beforeAll(async () => {
    devIdp = await startDevIdp();
    idp = await IdentityProvider.discover(devIdp.issuer, 'oracle-ai-cli');
  });

  afterAll(async () => {
    await devIdp?.stop();
  });

  /** Plays the browser: signs in at the IdP and returns where it redirects to, unfollowed. */
  async function authorize(
    url: URL,
    browser = new DevIdpBrowser(devIdp.issuer),
    username = 'alice',
  ): Promise<URL> {
    let landing = await browser.navigate(url);
    if (landing.kind === 'page') landing = await browser.submitLogin(landing, username, username);
    if (landing.kind !== 'redirect') throw new Error(`login stopped at ${landing.url.href}`);
    return landing.location;
  }

  /** Starts a sign-in; `authorizationUrl` resolves once the URL would be shown to the user. */
  function start(options: Partial<BrowserSignInOptions> = {}) {
    const notices: string[] = [];
    let shown!: (url: URL) => void;
    const authorizationUrl = new Promise<URL>((resolve) => (shown = resolve));
    const tokens = signInWithBrowser({
      idp,
      scope: 'openid profile offline_access',
      ports: [0],
      busyHint: 'free a port',
      parameters: { prompt: 'consent' },
      timeoutMs: 20_000,
      present: (url) => shown(url),
      notice: (line) => notices.push(line),
      ...options,
    });
    tokens.catch(() => undefined);
    return { authorizationUrl, tokens, notices };
  }

  it('asks for code + PKCE S256 + state at a 127.0.0.1 loopback redirect URI', async () => {
    const { authorizationUrl, tokens } = start();
    const url = await authorizationUrl;
    const params = Object.fromEntries(url.searchParams);
    expect(params).toMatchObject({
      client_id: 'oracle-ai-cli',
      response_type: 'code',
      scope: 'openid profile offline_access',
      code_challenge_method: 'S256',
      prompt: 'consent',
      redirect_uri: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/callback$/),
    });
    expect(params['state']).toMatch(/^[\w-]{40,}$/);
    expect(params['code_challenge']).toMatch(/^[\w-]{43}$/);
    expect(url.searchParams.has('dpop_jkt')).toBe(false);
    await fetch(await authorize(url));
    await tokens;
  });

  it('gets a Bearer access token and a refresh token, and shows a page without external resources', async () => {
    const { authorizationUrl, tokens } = start();
    const callback = await authorize(await authorizationUrl);
    expect(callback.searchParams.get('iss')).toBe(devIdp.issuer);
    const page = await fetch(callback);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(
      "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
    );
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await page.text();
    expect(html).toContain('You can close this tab');
    expect(html).not.toMatch(/<(script|link|img)|https?:\/\//);
    const result = await tokens;
    expect(result).toMatchObject({
      tokenType: 'Bearer',
      username: 'alice',
      refreshToken: expect.any(String),
    });
    expect(result.expiresAt).toBeGreaterThan(Date.now() + 290_000);
  });

  it('answers a callback with a wrong state 400 and never redeems it; the right one still works', async () => {
    const { authorizationUrl, tokens, notices } = start();
    const callback = await authorize(await authorizationUrl);
    const forged = new URL(callback);
    forged.searchParams.set('state', 'not-the-state');
    const refused = await fetch(forged);
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('This answer is not for the sign-in in progress.');
    expect(notices).toEqual([
      'ignored an answer at the redirect URI that is not for this sign-in (wrong state)',
    ]);
    // oidc-provider revokes everything issued for a code redeemed twice: this one working
    // proves the forged callback never reached the token endpoint.
    expect((await fetch(callback)).status).toBe(200);
    await expect(tokens).resolves.toMatchObject({ username: 'alice' });
  });

  it('refuses an answer carrying another issuer (RFC 9207) without redeeming the code', async () => {
    const { authorizationUrl, tokens } = start();
    const callback = await authorize(await authorizationUrl);
    callback.searchParams.set('iss', 'https://idp.example.com');
    expect((await fetch(callback)).status).toBe(400);
    await expect(tokens).rejects.toMatchObject({
      code: 'ERR_OAUTH_INVALID_RESPONSE',
      message: expect.stringContaining('unexpected "iss" (issuer) response parameter value'),
    });
  });

  it('reports an error answer of the IdP (access_denied) and shows it on the page', async () => {
    const { authorizationUrl, tokens } = start();
    const url = await authorizationUrl;
    const callback = new URL(url.searchParams.get('redirect_uri') as string);
    callback.search = new URLSearchParams({
      error: 'access_denied',
      error_description: 'The user said no',
      state: url.searchParams.get('state') as string,
      iss: devIdp.issuer,
    }).toString();
    const page = await fetch(callback);
    expect(page.status).toBe(400);
    expect(await page.text()).toContain('access_denied: The user said no');
    await expect(tokens).rejects.toMatchObject({
      code: 'ERR_OAUTH_REFUSED',
      message: `the sign-in at ${devIdp.issuer} refused: access_denied: The user said no`,
    });
  });

  it('answers 404 off the callback path, and takes only the query of an absolute-form request', async () => {
    const { authorizationUrl, tokens } = start();
    const url = await authorizationUrl;
    const redirectUri = new URL(url.searchParams.get('redirect_uri') as string);
    expect((await fetch(new URL('/favicon.ico', redirectUri))).status).toBe(404);
    const callback = await authorize(url);
    // `GET http://elsewhere.example/callback?…`: were the host taken from the request line, the
    // code would be redeemed with another redirect_uri and the IdP would refuse it.
    const status = await new Promise<number | undefined>((resolve, reject) => {
      request({
        host: '127.0.0.1',
        port: redirectUri.port,
        path: `http://elsewhere.example/callback${callback.search}`,
      })
        .on('response', (response) => {
          response.resume();
          resolve(response.statusCode);
        })
        .on('error', reject)
        .end();
    });
    expect(status).toBe(200);
    await expect(tokens).resolves.toMatchObject({ username: 'alice' });
  });

  it('gives up after the wait, and frees the port', async () => {
    const { authorizationUrl, tokens } = start({ timeoutMs: 300 });
    const redirectUri = (await authorizationUrl).searchParams.get('redirect_uri') as string;
    await expect(tokens).rejects.toMatchObject({
      code: 'ERR_LOGIN_TIMEOUT',
      message: 'no sign-in came back from the browser within 0 s: run login again',
    });
    await expect(fetch(redirectUri)).rejects.toThrow();
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    const { authorizationUrl, tokens } = start({ signal: controller.signal });
    await authorizationUrl;
    controller.abort();
    await expect(tokens).rejects.toMatchObject({ code: 'ERR_CANCELLED' });
  });

  describe('with tokens', () => {
    async function signIn(options: Partial<BrowserSignInOptions> = {}): Promise<TokenSet> {
      const { authorizationUrl, tokens } = start(options);
      await fetch(await authorize(await authorizationUrl));
      return tokens;
    }

    it('refreshes with rotation: the used refresh token then ends the session', async () => {
      const first = await signIn();
      const second = await idp.refresh(first.refreshToken as string);
      expect(second.accessToken).not.toBe(first.accessToken);
      expect(second.refreshToken).not.toBe(first.refreshToken);
      await expect(idp.refresh(first.refreshToken as string)).rejects.toMatchObject({
        code: 'ERR_SESSION_ENDED',
        message: expect.stringMatching(
          /^the IdP ended this session \(.+\): run `oracle-ai login` again$/,
        ),
      });
    });

    /** Signs the browser out of the IdP, as the web app's logout does. */
    async function endIdpSession(browser: DevIdpBrowser): Promise<void> {
      const confirm = await browser.navigate(new URL('/session/end', devIdp.issuer));
      if (confirm.kind !== 'page') throw new Error('no logout form');
      const fields = new URLSearchParams();
      for (const [, name, value] of confirm.html.matchAll(/name="([^"]+)" value="([^"]*)"/g)) {
        fields.set(name, value);
      }
      const action = /action="([^"]+)"/.exec(confirm.html)?.[1] as string;
      const done = await browser.fetch(new URL(action, devIdp.issuer), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: fields,
      });
      expect(done.status).toBeLessThan(400);
    }

    it.each([
      ['with prompt=consent (offline_access granted): outlives', { prompt: 'consent' }, true],
      ['without it (offline_access dropped): ends with', {}, false],
    ])(
      'the refresh token %s the IdP session in the browser',
      async (_case, parameters, survives) => {
        const browser = new DevIdpBrowser(devIdp.issuer);
        const { authorizationUrl, tokens } = start({ parameters });
        await fetch(await authorize(await authorizationUrl, browser));
        const { refreshToken } = await tokens;
        await endIdpSession(browser);
        const refreshed = idp.refresh(refreshToken as string);
        if (survives) await expect(refreshed).resolves.toMatchObject({ tokenType: 'Bearer' });
        else await expect(refreshed).rejects.toMatchObject({ code: 'ERR_SESSION_ENDED' });
      },
    );

    it('revokes the refresh token (RFC 7009)', async () => {
      const tokens = await signIn();
      expect(idp.canRevoke()).toBe(true);
      await idp.revoke(tokens.refreshToken as string);
      await expect(idp.refresh(tokens.refreshToken as string)).rejects.toMatchObject({
        code: 'ERR_SESSION_ENDED',
      });
    });

    it('binds the code and the tokens to a DPoP key (dpop_jkt), and refreshes only with it', async () => {
      expect(idp.supportsDpop()).toBe(true);
      const dpopKey = await createDpopKey();
      const { authorizationUrl, tokens } = start({ dpopKey });
      const url = await authorizationUrl;
      expect(url.searchParams.get('dpop_jkt')).toMatch(/^[\w-]{43}$/);
      await fetch(await authorize(url));
      const bound = await tokens;
      expect(bound.tokenType).toBe('DPoP');
      const claims = JSON.parse(
        Buffer.from(bound.accessToken.split('.')[1], 'base64url').toString(),
      ) as { cnf?: { jkt?: string } };
      expect(claims.cnf?.jkt).toBe(url.searchParams.get('dpop_jkt'));
      // Without the proof: refused, and not used up by the refusal.
      await expect(idp.refresh(bound.refreshToken as string)).rejects.toMatchObject({
        code: 'ERR_SESSION_ENDED',
      });
      await expect(idp.refresh(bound.refreshToken as string, dpopKey)).resolves.toMatchObject({
        tokenType: 'DPoP',
      });
    });
  });
});
