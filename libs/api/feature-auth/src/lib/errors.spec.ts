import { AUTH_ERROR_CODES, AuthErrors, withBearerChallenge } from './errors';

describe('auth errors', () => {
  it('AUTH_ERROR_CODES lists exactly the codes of AuthErrors', () => {
    const codes = Object.values(AuthErrors).map((ErrorClass) =>
      new ErrorClass('x' as never).code.toLowerCase(),
    );
    expect([...AUTH_ERROR_CODES].sort()).toEqual(codes.sort());
  });

  const METADATA = 'https://api.example.com/.well-known/oauth-protected-resource';

  it.each([
    [new AuthErrors.MissingToken(), `Bearer realm="oracle-ai", resource_metadata="${METADATA}"`],
    [
      new AuthErrors.TokenExpired(),
      `Bearer realm="oracle-ai", error="invalid_token", error_description="The access token has expired", resource_metadata="${METADATA}"`,
    ],
    [
      new AuthErrors.InvalidRequest('Bad "header"\n'),
      'Bearer realm="oracle-ai", error="invalid_request", error_description="Bad header"',
    ],
    [
      new AuthErrors.GroupRequired('database'),
      'Bearer realm="oracle-ai", error="insufficient_scope", error_description="Membership of one of these groups is required: database"',
    ],
  ])('%p gets the RFC 6750 challenge, a 401 also the RFC 9728 metadata', (error, challenge) => {
    const carried = withBearerChallenge(error, METADATA) as { headers?: Record<string, string> };
    expect(carried.headers).toEqual({ 'www-authenticate': challenge });
  });

  it('a 503 or a bug gets no challenge', () => {
    expect(withBearerChallenge(new AuthErrors.IdpUnavailable(), METADATA)).not.toHaveProperty(
      'headers',
    );
    expect(withBearerChallenge(new TypeError('bug'), METADATA)).not.toHaveProperty('headers');
  });
});
