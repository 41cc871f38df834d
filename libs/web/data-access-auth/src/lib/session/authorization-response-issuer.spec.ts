import { authorizationResponseOf, verifyResponseIssuer } from './authorization-response-issuer';

const ISSUER = 'https://sso.example.com/affwebservices/CASSO/oidc/oracle-ai';
const ADVERTISED = { issuer: ISSUER, authorization_response_iss_parameter_supported: true };

function verify(query: string, metadata: Record<string, unknown> = ADVERTISED) {
  return verifyResponseIssuer(new URLSearchParams(query), ISSUER, metadata);
}

describe('verifyResponseIssuer', () => {
  it('accepts the exact issuer, percent-encoded as IdPs send it', () => {
    expect(verify(`code=c&iss=${encodeURIComponent(ISSUER)}`)).toBe('accepted');
  });

  it.each([
    ['a trailing slash', `${ISSUER}/`],
    ['another case', ISSUER.toUpperCase()],
    ['another scheme', ISSUER.replace('https:', 'http:')],
    ['a prefix of it', 'https://sso.example.com'],
    ['an empty value', ''],
  ])('refuses an issuer that differs by %s', (_case, iss) => {
    expect(verify(`code=c&iss=${encodeURIComponent(iss)}`)).toBe('wrong_issuer');
  });

  it('refuses a repeated iss, even when one of them is right', () => {
    const iss = encodeURIComponent(ISSUER);
    expect(verify(`code=c&iss=${iss}&iss=https%3A%2F%2Fevil.example`)).toBe('wrong_issuer');
    expect(verify(`code=c&iss=${iss}&iss=${iss}`)).toBe('wrong_issuer');
  });

  it.each([
    ['advertised', ADVERTISED, 'missing_issuer'],
    ['advertised as false', { authorization_response_iss_parameter_supported: false }, 'accepted'],
    ['not advertised', { issuer: ISSUER }, 'accepted'],
  ])('treats a response without iss from an IdP %s as %s', (_case, metadata, verdict) => {
    expect(verify('code=c&state=s', metadata)).toBe(verdict);
  });
});

describe('authorizationResponseOf', () => {
  it('reads the query', () => {
    expect(authorizationResponseOf({ search: '?code=c&iss=i', hash: '#x=1' }).get('iss')).toBe('i');
  });

  it.each([
    ['#code=c&iss=i', 'i'],
    ['#/auth/callback?code=c&iss=i', 'i'],
    ['', null],
  ])('reads the fragment %s when there is no query, as the OAuth library does', (hash, iss) => {
    expect(authorizationResponseOf({ search: '', hash }).get('iss')).toBe(iss);
  });
});
