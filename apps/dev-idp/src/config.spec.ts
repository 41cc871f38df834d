import { DevIdpConfigError, loadDevIdpConfig } from './config';

describe('loadDevIdpConfig', () => {
  it('defaults to port 4400, a localhost issuer and the SPA dev origin', () => {
    expect(loadDevIdpConfig({})).toEqual({
      port: 4400,
      issuer: 'http://localhost:4400',
      webOrigins: ['http://localhost:4200'],
      accessTokenTtlS: 300,
      refreshTokenMaxLifetimeS: 8 * 60 * 60,
      dpop: true,
      dpopNonce: false,
      enableTestEndpoints: false,
    });
  });

  it('derives the issuer from PORT and reads the other variables', () => {
    expect(
      loadDevIdpConfig({
        PORT: '4411',
        DEV_IDP_WEB_ORIGINS: 'http://localhost:4300, http://127.0.0.1:5000/',
        DEV_IDP_ACCESS_TOKEN_TTL_S: '5',
        DEV_IDP_REFRESH_TOKEN_MAX_LIFETIME_S: '60',
        DEV_IDP_DPOP_NONCE: 'on',
        DEV_IDP_ENABLE_TEST_ENDPOINTS: 'true',
      }),
    ).toEqual({
      port: 4411,
      issuer: 'http://localhost:4411',
      webOrigins: ['http://localhost:4300', 'http://127.0.0.1:5000'],
      accessTokenTtlS: 5,
      refreshTokenMaxLifetimeS: 60,
      dpop: true,
      dpopNonce: true,
      enableTestEndpoints: true,
    });
  });

  it('turns DPoP off with DEV_IDP_DPOP=off', () => {
    expect(loadDevIdpConfig({ DEV_IDP_DPOP: 'off' })).toMatchObject({
      dpop: false,
      dpopNonce: false,
    });
  });

  it('refuses to run with NODE_ENV=production', () => {
    expect(() => loadDevIdpConfig({ NODE_ENV: 'production' })).toThrow(
      /refusing to start with NODE_ENV=production/,
    );
  });

  it.each([
    [{ PORT: 'abc' }, /PORT must be an integer/],
    [{ PORT: '70000' }, /PORT must be an integer/],
    [{ DEV_IDP_ACCESS_TOKEN_TTL_S: '0' }, /DEV_IDP_ACCESS_TOKEN_TTL_S must be an integer/],
    [
      { DEV_IDP_REFRESH_TOKEN_MAX_LIFETIME_S: '1.5' },
      /DEV_IDP_REFRESH_TOKEN_MAX_LIFETIME_S must be an integer/,
    ],
    [
      { DEV_IDP_ENABLE_TEST_ENDPOINTS: 'yes' },
      /DEV_IDP_ENABLE_TEST_ENDPOINTS must be "true" or "false"/,
    ],
    [{ DEV_IDP_DPOP: 'true' }, /DEV_IDP_DPOP must be "on" or "off", got "true"/],
    [
      { DEV_IDP_DPOP: 'off', DEV_IDP_DPOP_NONCE: 'on' },
      /DEV_IDP_DPOP_NONCE=on needs DEV_IDP_DPOP=on/,
    ],
    [
      { DEV_IDP_ISSUER: 'http://localhost:4400/oidc' },
      /DEV_IDP_ISSUER must be an http\(s\) origin/,
    ],
    [{ DEV_IDP_WEB_ORIGINS: 'localhost:4200' }, /DEV_IDP_WEB_ORIGINS must list origins/],
    [{ DEV_IDP_WEB_ORIGINS: 'http://localhost:4200/app' }, /DEV_IDP_WEB_ORIGINS must list origins/],
    [{ DEV_IDP_WEB_ORIGINS: ' , ' }, /at least one origin/],
  ])('rejects %j', (env, message) => {
    expect(() => loadDevIdpConfig(env)).toThrow(DevIdpConfigError);
    expect(() => loadDevIdpConfig(env)).toThrow(message);
  });
});
