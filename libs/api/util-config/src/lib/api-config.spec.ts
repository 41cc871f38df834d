import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadApiConfig } from './api-config';
import { ConfigError } from './env-values';

const base = {
  AUTH_ISSUER: 'https://sso.example.com/affwebservices/CASSO/oidc/oracle-ai',
  AUTH_AUDIENCE: 'oracle-ai-api',
};

describe('loadApiConfig', () => {
  it('applies the documented defaults', () => {
    expect(loadApiConfig(base)).toEqual({
      host: '127.0.0.1',
      port: 3000,
      publicUrl: 'http://localhost:3000',
      docs: false,
      auth: {
        issuer: base.AUTH_ISSUER,
        audiences: ['oracle-ai-api'],
        jwksUri: undefined,
        jwks: undefined,
        algorithms: ['RS256', 'PS256', 'ES256'],
        clockToleranceS: 30,
        groupsClaim: 'groups',
        groupsDelimiter: undefined,
        requiredGroups: ['database'],
        chatGroups: ['oracle-ai-users', 'oracle-ai-admins'],
        dpop: {
          mode: 'allowed',
          algorithms: ['ES256', 'PS256', 'EdDSA'],
          maxAgeS: 60,
          replayStore: { kind: 'memory' },
          nonceSecret: undefined,
        },
      },
      corsOrigins: ['http://localhost:4200'],
      logLevel: 'info',
    });
  });

  it('reads every variable', () => {
    const config = loadApiConfig({
      ...base,
      HOST: '0.0.0.0',
      PORT: '8080',
      AUTH_AUDIENCE: 'api-a, api-b',
      AUTH_JWKS_URI: 'https://sso.example.com/jwks',
      AUTH_ALGORITHMS: 'ES256',
      AUTH_CLOCK_TOLERANCE_S: '5',
      AUTH_GROUPS_CLAIM: 'realm_access.roles',
      AUTH_GROUPS_DELIMITER: '^',
      AUTH_REQUIRED_GROUPS: 'db',
      AUTH_CHAT_GROUPS: 'chat',
      CORS_ORIGINS: 'https://app.example.com,http://localhost:4200',
      LOG_LEVEL: 'warn',
      API_PUBLIC_URL: 'https://api.example.com/oracle-ai/',
      API_DOCS: 'on',
    });
    expect(config).toMatchObject({
      host: '0.0.0.0',
      port: 8080,
      publicUrl: 'https://api.example.com/oracle-ai',
      docs: true,
      auth: {
        audiences: ['api-a', 'api-b'],
        jwksUri: 'https://sso.example.com/jwks',
        algorithms: ['ES256'],
        clockToleranceS: 5,
        groupsClaim: 'realm_access.roles',
        groupsDelimiter: '^',
        requiredGroups: ['db'],
        chatGroups: ['chat'],
      },
      corsOrigins: ['https://app.example.com', 'http://localhost:4200'],
      logLevel: 'warn',
    });
  });

  it('reads a static JWKS file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jwks-'));
    const file = join(dir, 'jwks.json');
    writeFileSync(file, JSON.stringify({ keys: [{ kty: 'RSA', n: 'x', e: 'AQAB' }] }));
    expect(loadApiConfig({ ...base, AUTH_JWKS_FILE: file }).auth.jwks).toEqual({
      keys: [{ kty: 'RSA', n: 'x', e: 'AQAB' }],
    });
  });

  it.each([
    [{ AUTH_ISSUER: undefined }, 'AUTH_ISSUER is required'],
    [{ AUTH_AUDIENCE: '' }, 'AUTH_AUDIENCE is required'],
    [{ AUTH_AUDIENCE: ' , ' }, 'AUTH_AUDIENCE must list at least one value'],
    [{ AUTH_ISSUER: 'sso.example.com' }, 'AUTH_ISSUER must be an absolute URL'],
    [{ AUTH_ISSUER: 'http://sso.example.com' }, 'AUTH_ISSUER must use https'],
    [{ AUTH_ISSUER: 'ftp://localhost' }, 'AUTH_ISSUER must use https'],
    [{ AUTH_JWKS_URI: 'http://evil.example.com/jwks' }, 'AUTH_JWKS_URI must use https'],
    [{ AUTH_ALGORITHMS: 'RS256,HS256' }, 'AUTH_ALGORITHMS must not contain "HS256"'],
    [{ AUTH_ALGORITHMS: 'none' }, 'AUTH_ALGORITHMS must not contain "none"'],
    [{ AUTH_ALGORITHMS: 'RS1' }, 'AUTH_ALGORITHMS contains unsupported algorithm "RS1"'],
    [{ AUTH_CLOCK_TOLERANCE_S: '-1' }, 'AUTH_CLOCK_TOLERANCE_S must be a whole number'],
    [{ AUTH_CLOCK_TOLERANCE_S: '30s' }, 'AUTH_CLOCK_TOLERANCE_S must be a whole number'],
    [{ PORT: '70000' }, 'PORT must be a whole number from 0 to 65535'],
    [{ AUTH_GROUPS_CLAIM: 'a..b' }, 'AUTH_GROUPS_CLAIM must be a claim name or dot path'],
    [{ CORS_ORIGINS: '*' }, 'CORS_ORIGINS must list origins'],
    [{ CORS_ORIGINS: 'http://localhost:4200/' }, 'CORS_ORIGINS must list exact origins'],
    [{ LOG_LEVEL: 'verbose' }, 'LOG_LEVEL must be one of'],
    [{ API_PUBLIC_URL: 'http://api.example.com' }, 'API_PUBLIC_URL must use https'],
    [{ API_PUBLIC_URL: 'api.example.com' }, 'API_PUBLIC_URL must be an absolute URL'],
    [{ API_PUBLIC_URL: 'https://api.example.com/?x=1' }, 'API_PUBLIC_URL must not contain a query'],
    [{ API_PUBLIC_URL: 'https://api.example.com/#x' }, 'API_PUBLIC_URL must not contain'],
    [{ API_DOCS: 'yes' }, 'API_DOCS must be one of on, off'],
    [{ AUTH_JWKS_FILE: '/nonexistent/jwks.json' }, 'AUTH_JWKS_FILE cannot be read as JSON'],
    [
      { AUTH_JWKS_FILE: '/tmp/jwks.json', AUTH_JWKS_URI: 'https://sso.example.com/jwks' },
      'AUTH_JWKS_FILE and AUTH_JWKS_URI are both set',
    ],
  ])('%p → %p', (overrides, message) => {
    const env = { ...base, ...overrides } as Record<string, string | undefined>;
    expect(() => loadApiConfig(env)).toThrow(ConfigError);
    expect(() => loadApiConfig(env)).toThrow(message);
  });
});
