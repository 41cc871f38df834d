import { RuntimeConfigError, validateRuntimeConfig } from './runtime-config';

const valid = {
  issuer: 'http://localhost:4400',
  clientId: 'oracle-ai-web',
  apiBaseUrl: 'http://localhost:3000',
  scope: 'openid profile email',
};

function problemsOf(raw: unknown): string[] {
  try {
    validateRuntimeConfig(raw);
  } catch (error) {
    if (error instanceof RuntimeConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('validateRuntimeConfig', () => {
  it('accepts the dev config and defaults customQueryParams and dpop', () => {
    expect(validateRuntimeConfig(valid)).toEqual({ ...valid, customQueryParams: {}, dpop: false });
  });

  it('reads dpop', () => {
    expect(validateRuntimeConfig({ ...valid, dpop: true }).dpop).toBe(true);
  });

  it('accepts https production URLs and custom query params', () => {
    const config = validateRuntimeConfig({
      ...valid,
      issuer: 'https://sso.example.com/affwebservices/CASSO/oidc/oracle-ai',
      apiBaseUrl: 'https://api.example.com/oracle-ai/',
      customQueryParams: { authentication_method: 'siteminder' },
    });
    expect(config.apiBaseUrl).toBe('https://api.example.com/oracle-ai');
    expect(config.customQueryParams).toEqual({ authentication_method: 'siteminder' });
  });

  it.each([null, 'text', [], 42])('rejects a non-object %p', (raw) => {
    expect(problemsOf(raw)).toEqual(['config.json must contain a JSON object']);
  });

  it('lists every missing field at once', () => {
    expect(problemsOf({})).toEqual([
      'issuer must be an absolute URL',
      'apiBaseUrl must be an absolute URL',
      'clientId must be a non-empty string',
      'scope must be a space-separated string that includes "openid"',
    ]);
  });

  it.each([
    ['relative URL', { issuer: '/idp' }, 'issuer must be an absolute URL (got "/idp")'],
    ['remote http issuer', { issuer: 'http://sso.example.com' }, 'issuer must use https'],
    ['127.0.0.1 issuer', { issuer: 'http://127.0.0.1:4400' }, 'issuer must use https'],
    ['remote http API', { apiBaseUrl: 'http://api.example.com' }, 'apiBaseUrl must use https'],
    ['javascript: scheme', { apiBaseUrl: 'javascript:alert(1)' }, 'apiBaseUrl must use https'],
    ['credentials', { apiBaseUrl: 'https://u:p@api.example.com' }, 'must not contain credentials'],
    ['query', { issuer: 'https://sso.example.com/?x=1' }, 'must not contain a query'],
    ['scope without openid', { scope: 'profile email' }, 'scope must be'],
    ['empty clientId', { clientId: ' ' }, 'clientId must be a non-empty string'],
    ['unknown key', { issuerr: 'x' }, 'unknown key "issuerr"'],
    ['reserved param', { customQueryParams: { redirect_uri: 'x' } }, 'must not set "redirect_uri"'],
    ['DPoP key param', { customQueryParams: { dpop_jkt: 'x' } }, 'must not set "dpop_jkt"'],
    ['non-string param', { customQueryParams: { a: 1 } }, 'customQueryParams.a must be a string'],
    ['array params', { customQueryParams: ['a'] }, 'customQueryParams must be an object'],
    ['string dpop', { dpop: 'true' }, 'dpop must be true or false'],
  ])('rejects %s', (_case, override, expected) => {
    const problems = problemsOf({ ...valid, ...override });
    expect(
      problems.some((problem) => problem.startsWith(expected) || problem.includes(expected)),
    ).toBe(true);
  });

  it('allows http for the API on loopback addresses', () => {
    expect(
      validateRuntimeConfig({ ...valid, apiBaseUrl: 'http://127.0.0.1:3000' }).apiBaseUrl,
    ).toBe('http://127.0.0.1:3000');
  });
});
