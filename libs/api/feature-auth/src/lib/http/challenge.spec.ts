import { AuthErrors, dpopChallenged } from '../errors';
import { withChallenge } from './challenge';

describe('withChallenge', () => {
  const METADATA = 'https://api.example.com/.well-known/oauth-protected-resource';
  const bearer = {
    scheme: 'bearer' as const,
    resourceMetadataUrl: METADATA,
    dpopAlgorithms: ['ES256', 'EdDSA'],
  };

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
    const carried = withChallenge(error, bearer) as { headers?: Record<string, string> };
    expect(carried.headers).toEqual({ 'www-authenticate': challenge });
  });

  it.each([
    [
      new AuthErrors.InvalidDpopProof('The DPoP proof is too old'),
      `DPoP realm="oracle-ai", error="invalid_dpop_proof", error_description="The DPoP proof is too old", algs="ES256 EdDSA", resource_metadata="${METADATA}"`,
    ],
    [
      new AuthErrors.UseDpopNonce(),
      `DPoP realm="oracle-ai", error="use_dpop_nonce", error_description="The DPoP proof must carry the nonce this API provides in the DPoP-Nonce header", algs="ES256 EdDSA", resource_metadata="${METADATA}"`,
    ],
    [
      dpopChallenged(new AuthErrors.InvalidToken('bound')),
      `DPoP realm="oracle-ai", error="invalid_token", error_description="bound", algs="ES256 EdDSA", resource_metadata="${METADATA}"`,
    ],
  ])(
    '%p gets a DPoP challenge naming the proof algorithms, even on a Bearer request',
    (error, challenge) => {
      const carried = withChallenge(error, bearer) as { headers?: Record<string, string> };
      expect(carried.headers?.['www-authenticate']).toBe(challenge);
    },
  );

  it('a request that used DPoP is challenged with DPoP, a 403 without the metadata', () => {
    const carried = withChallenge(new AuthErrors.GroupRequired('database'), {
      ...bearer,
      scheme: 'dpop',
    }) as { headers?: Record<string, string> };
    expect(carried.headers?.['www-authenticate']).toBe(
      'DPoP realm="oracle-ai", error="insufficient_scope", error_description="Membership of one of these groups is required: database", algs="ES256 EdDSA"',
    );
  });

  it('a 503 or a bug gets no challenge', () => {
    expect(withChallenge(new AuthErrors.IdpUnavailable(), bearer)).not.toHaveProperty('headers');
    expect(withChallenge(new TypeError('bug'), bearer)).not.toHaveProperty('headers');
  });
});
