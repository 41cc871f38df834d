import { readCliSettings } from './cli-settings';

describe('readCliSettings', () => {
  it('has defaults for everything', () => {
    expect(readCliSettings({})).toEqual({
      api: undefined,
      issuer: undefined,
      clientId: 'oracle-ai-cli',
      ports: undefined,
      scope: 'openid profile offline_access',
      loginTimeoutMs: 300_000,
    });
  });

  it('reads every variable', () => {
    expect(
      readCliSettings({
        ORACLE_AI_API: 'https://oracle-ai.example.com/api-gw/',
        ORACLE_AI_ISSUER: 'https://sso.example.com/affwebservices/CASSO/oidc/oracle-ai',
        ORACLE_AI_CLIENT_ID: 'oracle-ai-cli-prod',
        ORACLE_AI_CLI_PORTS: '8400, 8401,8402',
        ORACLE_AI_SCOPE: ' openid  offline_access  api://oracle-ai/.default ',
        ORACLE_AI_LOGIN_TIMEOUT_S: '60',
      }),
    ).toEqual({
      api: 'https://oracle-ai.example.com/api-gw',
      issuer: 'https://sso.example.com/affwebservices/CASSO/oidc/oracle-ai',
      clientId: 'oracle-ai-cli-prod',
      ports: [8400, 8401, 8402],
      scope: 'openid offline_access api://oracle-ai/.default',
      loginTimeoutMs: 60_000,
    });
  });

  it.each([
    [{ ORACLE_AI_API: 'http://oracle-ai.example.com' }, /^ORACLE_AI_API must use https/],
    [{ ORACLE_AI_ISSUER: 'sso' }, /^ORACLE_AI_ISSUER must be an absolute URL/],
    [
      { ORACLE_AI_CLI_PORTS: '8400,x' },
      'ORACLE_AI_CLI_PORTS must list ports from 1 to 65535, comma-separated (got "x")',
    ],
    [{ ORACLE_AI_CLI_PORTS: '0' }, /^ORACLE_AI_CLI_PORTS must list ports/],
    [{ ORACLE_AI_SCOPE: 'profile' }, 'ORACLE_AI_SCOPE must include openid (got "profile")'],
    [
      { ORACLE_AI_LOGIN_TIMEOUT_S: '0' },
      /^ORACLE_AI_LOGIN_TIMEOUT_S must be a whole number from 1 to 3600/,
    ],
  ])('refuses %j naming the variable', (env, message) => {
    expect(() => readCliSettings(env)).toThrow(
      expect.objectContaining({
        name: 'ConfigError',
        message: typeof message === 'string' ? message : expect.stringMatching(message),
      }),
    );
  });
});
