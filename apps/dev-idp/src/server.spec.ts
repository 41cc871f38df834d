import {
  DevIdpBrowser,
  getTokens,
  rotateSigningKeys,
} from '@oracle-ai/shared/data-access-dev-idp-client';
import {
  createLocalJWKSet,
  decodeJwt,
  decodeProtectedHeader,
  jwtVerify,
  type JSONWebKeySet,
} from 'jose';
import type { DevIdpServer } from './server';
import {
  cliAuthorizationUrl,
  createPkce,
  expectPage,
  expectRedirect,
  loginToSpa,
  postToken,
  spaAuthorizationUrl,
  startTestIdp,
} from './testing/dev-idp-harness';

jest.setTimeout(15_000);

async function fetchJwks(issuer: string): Promise<JSONWebKeySet> {
  return (await (await fetch(`${issuer}/jwks`)).json()) as JSONWebKeySet;
}

describe('dev IdP server', () => {
  describe('with the default configuration', () => {
    let idp: DevIdpServer;

    beforeAll(async () => {
      idp = await startTestIdp();
    });

    afterAll(async () => {
      await idp.close();
    });

    it.each([
      ['alice', ['database', 'oracle-ai-users']],
      ['bob', ['database']],
      ['carol', []],
      [
        'dave',
        [
          'CN=database,OU=Groups,DC=example,DC=com',
          'CN=oracle-ai-admins,OU=Groups,DC=example,DC=com',
        ],
      ],
    ])('getTokens gives %s an access token with their groups', async (username, groups) => {
      const tokens = await getTokens({ issuer: idp.issuer, username });
      expect(decodeJwt(tokens.access_token)).toMatchObject({
        iss: idp.issuer,
        aud: 'oracle-ai-api',
        client_id: 'oracle-ai-cli',
        preferred_username: username,
        groups,
      });
      expect(decodeJwt(tokens.id_token)).toMatchObject({ aud: 'oracle-ai-cli', groups });
    });

    it('redirects oracle-ai-cli to its loopback callback on any port', async () => {
      const browser = new DevIdpBrowser(idp.issuer);
      const url = cliAuthorizationUrl(idp.issuer, createPkce().challenge, {
        redirect_uri: 'http://127.0.0.1:54321/callback',
      });
      const callback = expectRedirect(
        await browser.submitLogin(expectPage(await browser.navigate(url)), 'carol', 'carol'),
      );
      expect(callback.origin + callback.pathname).toBe('http://127.0.0.1:54321/callback');
      expect(callback.searchParams.get('code')).toBeTruthy();
    });

    it('shows a clear page for an unknown or expired interaction', async () => {
      const page = expectPage(
        await new DevIdpBrowser(idp.issuer).navigate(`${idp.issuer}/interaction/nope`),
      );
      expect(page.status).toBe(400);
      expect(page.html).toContain('Sign-in expired');
    });

    it('keeps the test endpoints off', async () => {
      const response = await fetch(`${idp.issuer}/dev/rotate-keys`, { method: 'POST' });
      expect(response.status).toBe(404);
    });
  });

  it('registers the redirect URIs of every configured SPA origin', async () => {
    const idp = await startTestIdp({
      webOrigins: ['http://localhost:5111', 'http://localhost:5222'],
    });
    try {
      const url = spaAuthorizationUrl(idp.issuer, createPkce().challenge, {
        redirect_uri: 'http://localhost:5222/auth/callback',
      });
      const browser = new DevIdpBrowser(idp.issuer);
      const callback = expectRedirect(
        await browser.submitLogin(expectPage(await browser.navigate(url)), 'bob', 'bob'),
      );
      expect(callback.origin).toBe('http://localhost:5222');
    } finally {
      await idp.close();
    }
  });

  it('issues access tokens with the configured lifetime', async () => {
    const idp = await startTestIdp({ accessTokenTtlS: 2 });
    try {
      const { tokens } = await loginToSpa(idp.issuer);
      const { exp = 0, iat = 0 } = decodeJwt(tokens.access_token);
      expect(tokens.expires_in).toBe(2);
      expect(exp - iat).toBe(2);
    } finally {
      await idp.close();
    }
  });

  describe('with test endpoints enabled', () => {
    let idp: DevIdpServer;

    beforeAll(async () => {
      idp = await startTestIdp({ enableTestEndpoints: true });
    });

    afterAll(async () => {
      await idp.close();
    });

    it('rotates the signing key and keeps the previous one published', async () => {
      const before = await getTokens({ issuer: idp.issuer, username: 'alice' });
      const oldKid = decodeProtectedHeader(before.access_token).kid;

      const rotated = await rotateSigningKeys(idp.issuer);
      expect(rotated.kid).not.toBe(oldKid);
      expect(rotated.publishedKids).toEqual([rotated.kid, oldKid]);

      const after = await getTokens({ issuer: idp.issuer, username: 'alice' });
      expect(decodeProtectedHeader(after.access_token).kid).toBe(rotated.kid);
      const jwks = createLocalJWKSet(await fetchJwks(idp.issuer));
      const options = { issuer: idp.issuer, audience: 'oracle-ai-api', algorithms: ['RS256'] };
      await expect(jwtVerify(before.access_token, jwks, options)).resolves.toBeDefined();
      await expect(jwtVerify(after.access_token, jwks, options)).resolves.toBeDefined();
    });

    it('keeps sessions and refresh tokens across a rotation', async () => {
      const { browser, tokens } = await loginToSpa(idp.issuer);
      const { kid } = await rotateSigningKeys(idp.issuer);
      const silent = expectRedirect(
        await browser.navigate(spaAuthorizationUrl(idp.issuer, createPkce().challenge)),
      );
      expect(silent.searchParams.get('code')).toBeTruthy();

      const refreshed = await postToken(idp.issuer, {
        grant_type: 'refresh_token',
        client_id: 'oracle-ai-web',
        refresh_token: tokens.refresh_token ?? '',
      });
      expect(refreshed.status).toBe(200);
      const { access_token } = (await refreshed.json()) as { access_token: string };
      expect(decodeProtectedHeader(access_token).kid).toBe(kid);
    });

    it('can drop the previous key at once', async () => {
      const rotated = await rotateSigningKeys(idp.issuer, { dropPrevious: true });
      expect(rotated.publishedKids).toEqual([rotated.kid]);
      expect((await fetchJwks(idp.issuer)).keys.map((key) => key.kid)).toEqual([rotated.kid]);
    });
  });
});
