import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadApiConfig } from './api-config';
import { ConfigError } from '@oracle-ai/shared/util-env';

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
      metrics: undefined,
      shutdownGraceS: 10,
      keepAliveTimeoutS: 65,
      loadShedding: { maxEventLoopDelayMs: 500, maxEventLoopUtilization: 0, retryAfterS: 5 },
      analytics: { source: undefined, timeoutS: 5, databaseGroups: new Map(), simulated: false },
      chat: {
        modelUrl: undefined,
        model: 'oracle-ai-dev',
        modelApiKey: undefined,
        systemPrompt: undefined,
        ratePerMinute: 20,
        maxConcurrent: 2,
        timeoutS: 30,
        limitsStore: { kind: 'memory' },
      },
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
      METRICS_PORT: '9464',
      METRICS_HOST: '0.0.0.0',
      SHUTDOWN_GRACE_S: '25',
      HTTP_KEEP_ALIVE_TIMEOUT_S: '360',
      LOAD_SHED_MAX_EVENT_LOOP_DELAY_MS: '0',
      LOAD_SHED_MAX_EVENT_LOOP_UTILIZATION: '0.98',
      LOAD_SHED_RETRY_AFTER_S: '2',
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
      metrics: { host: '0.0.0.0', port: 9464 },
      shutdownGraceS: 25,
      keepAliveTimeoutS: 360,
      loadShedding: { maxEventLoopDelayMs: 0, maxEventLoopUtilization: 0.98, retryAfterS: 2 },
    });
  });

  it('serves metrics on loopback unless METRICS_HOST says otherwise', () => {
    expect(loadApiConfig({ ...base, METRICS_PORT: '9464' }).metrics).toEqual({
      host: '127.0.0.1',
      port: 9464,
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
    [{ METRICS_PORT: '0' }, 'METRICS_PORT must be a whole number from 1 to 65535'],
    [{ METRICS_PORT: '3000' }, 'METRICS_PORT must differ from PORT (3000)'],
    [{ METRICS_PORT: '8080', PORT: '8080' }, 'METRICS_PORT must differ from PORT (8080)'],
    [{ METRICS_HOST: '0.0.0.0' }, 'METRICS_PORT is required when METRICS_HOST is set'],
    [{ SHUTDOWN_GRACE_S: '0' }, 'SHUTDOWN_GRACE_S must be a whole number from 1 to 600'],
    [{ SHUTDOWN_GRACE_S: '10s' }, 'SHUTDOWN_GRACE_S must be a whole number'],
    [{ HTTP_KEEP_ALIVE_TIMEOUT_S: '-5' }, 'HTTP_KEEP_ALIVE_TIMEOUT_S must be a whole number'],
    [
      { LOAD_SHED_MAX_EVENT_LOOP_DELAY_MS: '1e3' },
      'LOAD_SHED_MAX_EVENT_LOOP_DELAY_MS must be a whole number from 0 to 60000',
    ],
    [
      { LOAD_SHED_MAX_EVENT_LOOP_UTILIZATION: '1.5' },
      'LOAD_SHED_MAX_EVENT_LOOP_UTILIZATION must be a decimal from 0 to 1',
    ],
    [
      { LOAD_SHED_MAX_EVENT_LOOP_UTILIZATION: '90%' },
      'LOAD_SHED_MAX_EVENT_LOOP_UTILIZATION must be a decimal from 0 to 1',
    ],
    [{ LOAD_SHED_RETRY_AFTER_S: '0' }, 'LOAD_SHED_RETRY_AFTER_S must be a whole number'],
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
