import { ConfigError } from '@oracle-ai/shared/util-env';
import { loadWebServerConfig } from './web-server-config';

const defaults = { staticRoot: '/srv/web/browser' };
const minimal = {
  WEB_ISSUER: 'https://sso.example.com/affwebservices/CASSO/oidc/oracle-ai',
  WEB_CLIENT_ID: 'oracle-ai-web',
  WEB_API_BASE_URL: 'https://api.example.com/',
  WEB_SCOPE: 'openid profile email',
};

function errorOf(env: Record<string, string>): ConfigError {
  try {
    loadWebServerConfig({ ...minimal, ...env }, defaults);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadWebServerConfig', () => {
  it('listens on 0.0.0.0:8080 and renders the SPA config as the SPA would read it', () => {
    expect(loadWebServerConfig(minimal, defaults)).toEqual({
      host: '0.0.0.0',
      port: 8080,
      spa: {
        issuer: 'https://sso.example.com/affwebservices/CASSO/oidc/oracle-ai',
        clientId: 'oracle-ai-web',
        apiBaseUrl: 'https://api.example.com',
        scope: 'openid profile email',
        customQueryParams: {},
        dpop: false,
      },
      hsts: false,
      staticRoot: '/srv/web/browser',
      runtimeDir: undefined,
    });
  });

  it('reads every optional variable', () => {
    const config = loadWebServerConfig(
      {
        ...minimal,
        WEB_HOST: '::',
        WEB_PORT: '4200',
        WEB_CUSTOM_QUERY_PARAMS: '{"authentication_method":"siteminder"}',
        WEB_DPOP: 'true',
        WEB_HSTS: 'true',
        WEB_STATIC_ROOT: '/app/dist/apps/web/browser',
        WEB_RUNTIME_DIR: '/run/oracle-ai-web',
      },
      defaults,
    );
    expect(config).toMatchObject({
      host: '::',
      port: 4200,
      spa: { customQueryParams: { authentication_method: 'siteminder' }, dpop: true },
      hsts: true,
      staticRoot: '/app/dist/apps/web/browser',
      runtimeDir: '/run/oracle-ai-web',
    });
  });

  it('keeps the issuer exactly as given', () => {
    const issuer = 'https://sso.example.com/realms/bank/';
    expect(loadWebServerConfig({ ...minimal, WEB_ISSUER: issuer }, defaults).spa.issuer).toBe(
      issuer,
    );
  });

  it.each(['WEB_ISSUER', 'WEB_CLIENT_ID', 'WEB_API_BASE_URL', 'WEB_SCOPE'])(
    'requires %s',
    (variable) => {
      expect(errorOf({ [variable]: '' })).toMatchObject({
        variable,
        message: `${variable} is required`,
      });
    },
  );

  it.each([
    ['WEB_ISSUER', 'http://sso.example.com', 'must use https'],
    ['WEB_ISSUER', 'http://127.0.0.1:4400', 'is invalid: issuer must use https'],
    ['WEB_ISSUER', 'https://sso.example.com/?tenant=1', 'must not contain a query'],
    [
      'WEB_ISSUER',
      'https://sso.example.com/\nweb-server: ok',
      'must not contain spaces or control',
    ],
    ['WEB_API_BASE_URL', 'https://user:pw@api.example.com', 'must not contain credentials'],
    [
      'WEB_API_BASE_URL',
      'https://api.example.com/#x',
      'must not contain credentials or a fragment',
    ],
    ['WEB_API_BASE_URL', 'https://api$x.example.com', 'must name its host by a DNS name'],
    ['WEB_API_BASE_URL', 'https://api_x.example.com', 'must name its host by a DNS name'],
    ['WEB_API_BASE_URL', `https://${'a'.repeat(63)}.${'b'.repeat(200)}.com`, 'DNS name'],
    ['WEB_CLIENT_ID', '  ', 'is required'],
    ['WEB_CLIENT_ID', 'web\u0000', 'must not contain control characters (got "web\\u0000")'],
    ['WEB_SCOPE', 'profile', 'is invalid: scope must be a space-separated string'],
    ['WEB_SCOPE', 'openid\nprofile', 'must not contain control characters'],
    ['WEB_CUSTOM_QUERY_PARAMS', '{nope', 'must be a JSON object such as'],
    ['WEB_CUSTOM_QUERY_PARAMS', '["a"]', 'is invalid: customQueryParams must be an object'],
    ['WEB_CUSTOM_QUERY_PARAMS', '{"state":"x"}', 'customQueryParams must not set "state"'],
    [
      'WEB_CUSTOM_QUERY_PARAMS',
      '{"a\\nb":"x"}',
      'must not contain control characters (got "a\\nb")',
    ],
    ['WEB_CUSTOM_QUERY_PARAMS', '{"a":"x\\r"}', 'must not contain control characters (got "a")'],
    ['WEB_DPOP', 'yes', 'must be one of true, false (got "yes")'],
    ['WEB_HSTS', '1', 'must be one of true, false (got "1")'],
    ['WEB_HOST', 'localhost;', 'must be an IP address or a host name'],
    ['WEB_HOST', '[::', 'must be an IP address or a host name'],
    ['WEB_PORT', '0', 'must be a whole number from 1 to 65535 (got "0")'],
    ['WEB_PORT', '8080.5', 'must be a whole number from 1 to 65535'],
    ['WEB_STATIC_ROOT', 'dist/apps/web/browser', 'must be an absolute path'],
    ['WEB_RUNTIME_DIR', '/tmp/a b', 'must be an absolute path of letters, digits'],
    ['WEB_RUNTIME_DIR', '/tmp/$x', 'must be an absolute path of letters, digits'],
  ])('names %s when it is %p', (variable, value, message) => {
    const error = errorOf({ [variable]: value });
    expect(error.variable).toBe(variable);
    expect(error.message.startsWith(`${variable} `)).toBe(true);
    expect(error.message).toContain(message);
    expect(error.message).not.toMatch(/\p{Cc}/u);
  });

  it('takes an IPv6 address with or without brackets', () => {
    expect(loadWebServerConfig({ ...minimal, WEB_HOST: '[::1]' }, defaults).host).toBe('::1');
    expect(loadWebServerConfig({ ...minimal, WEB_HOST: '::1' }, defaults).host).toBe('::1');
  });

  it('accepts plain http for the dev stack on loopback only', () => {
    const config = loadWebServerConfig(
      {
        ...minimal,
        WEB_ISSUER: 'http://localhost:4400',
        WEB_API_BASE_URL: 'http://127.0.0.1:3000',
      },
      defaults,
    );
    expect(config.spa).toMatchObject({
      issuer: 'http://localhost:4400',
      apiBaseUrl: 'http://127.0.0.1:3000',
    });
  });
});
