import { TEST_CONFIG as config } from '../../testing/fake-oauth-service';
import { oauthClientConfig } from './oauth-client-config';

describe('oauthClientConfig', () => {
  it('uses code + PKCE, the callback and logged-out URIs, custom params and a small clock skew', () => {
    const authConfig = oauthClientConfig(config, 'http://localhost:4200');
    expect(authConfig).toMatchObject({
      issuer: config.issuer,
      clientId: 'oracle-ai-web',
      scope: 'openid profile email',
      responseType: 'code',
      disablePKCE: false,
      redirectUri: 'http://localhost:4200/auth/callback',
      postLogoutRedirectUri: 'http://localhost:4200/logged-out',
      customQueryParams: { authentication_method: 'siteminder' },
      requireHttps: 'remoteOnly',
    });
    expect(authConfig.clockSkewInSec).toBeLessThanOrEqual(60);
  });

  it('turns off the library features that would bypass our session handling', () => {
    expect(oauthClientConfig(config, 'http://localhost:4200')).toMatchObject({
      useSilentRefresh: false,
      sessionChecksEnabled: false,
      clearHashAfterLogin: false,
      preserveRequestedRoute: false,
    });
  });

  it("keeps the token response's token_type, which says whether the token is DPoP-bound", () => {
    expect(oauthClientConfig(config, 'http://localhost:4200').customTokenParameters).toEqual([
      'token_type',
    ]);
  });
});
