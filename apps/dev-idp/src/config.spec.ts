import { ConfigError } from '@oracle-ai/shared/util-env';
import { loadDevIdpConfig } from './config';

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
      /^NODE_ENV is production: .* refusing to start$/,
    );
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT must be a whole number from 1 to 65535 (got "abc")'],
    [{ PORT: '70000' }, 'PORT must be a whole number from 1 to 65535'],
    [{ DEV_IDP_ACCESS_TOKEN_TTL_S: '0' }, 'DEV_IDP_ACCESS_TOKEN_TTL_S must be a whole number'],
    [
      { DEV_IDP_REFRESH_TOKEN_MAX_LIFETIME_S: '1.5' },
      'DEV_IDP_REFRESH_TOKEN_MAX_LIFETIME_S must be a whole number from 1 to 86400 (got "1.5")',
    ],
    [
      { DEV_IDP_ENABLE_TEST_ENDPOINTS: 'yes' },
      'DEV_IDP_ENABLE_TEST_ENDPOINTS must be one of true, false (got "yes")',
    ],
    [{ DEV_IDP_DPOP: 'true' }, 'DEV_IDP_DPOP must be one of on, off (got "true")'],
    [
      { DEV_IDP_DPOP: 'off', DEV_IDP_DPOP_NONCE: 'on' },
      'DEV_IDP_DPOP_NONCE is on, which needs DEV_IDP_DPOP=on',
    ],
    [
      { DEV_IDP_ISSUER: 'http://localhost:4400/oidc' },
      'DEV_IDP_ISSUER must be an http(s) origin without a path',
    ],
    [
      { DEV_IDP_ISSUER: 'http://localhost:4400/\nforged line' },
      'DEV_IDP_ISSUER must be an http(s) origin without a path, e.g. http://localhost:4400 (got "http://localhost:4400/\\nforged line")',
    ],
    [{ DEV_IDP_WEB_ORIGINS: 'localhost:4200' }, 'DEV_IDP_WEB_ORIGINS must be an http(s) origin'],
    [
      { DEV_IDP_WEB_ORIGINS: 'http://localhost:4200/app' },
      'DEV_IDP_WEB_ORIGINS must be an http(s) origin',
    ],
    [{ DEV_IDP_WEB_ORIGINS: ' , ' }, 'DEV_IDP_WEB_ORIGINS must list at least one value'],
  ])('rejects %j in one line naming the variable', (env, message) => {
    expect(() => loadDevIdpConfig(env)).toThrow(ConfigError);
    expect(() => loadDevIdpConfig(env)).toThrow(message);
    expect(() => loadDevIdpConfig(env)).not.toThrow(/\n/);
  });
});
