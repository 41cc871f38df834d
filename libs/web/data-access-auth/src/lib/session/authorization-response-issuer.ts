import { IdpMetadata } from './idp-discovery';

/** RFC 9207 discovery field: the IdP puts `iss` in every authorization response. */
const ISS_PARAMETER_SUPPORTED = 'authorization_response_iss_parameter_supported';

export type ResponseIssuerVerdict = 'accepted' | 'wrong_issuer' | 'missing_issuer';

/**
 * The mix-up defence of RFC 9207 §2.4, decided before any code is exchanged: a response naming
 * another issuer than `expectedIssuer` (exact string comparison) is refused, and so is a response
 * without `iss` from an IdP whose discovery document promises it. A repeated `iss` is refused too:
 * it cannot name a single issuer. Without the promise, an absent `iss` is accepted.
 */
export function verifyResponseIssuer(
  response: URLSearchParams,
  expectedIssuer: string,
  metadata: IdpMetadata,
): ResponseIssuerVerdict {
  const issuers = response.getAll('iss');
  if (issuers.length === 0) {
    return metadata[ISS_PARAMETER_SUPPORTED] === true ? 'missing_issuer' : 'accepted';
  }
  return issuers.length === 1 && issuers[0] === expectedIssuer ? 'accepted' : 'wrong_issuer';
}

/**
 * The authorization response's parameters, read where `angular-oauth2-oidc` reads the code and
 * state: the query, or, when there is none, the fragment (after its `?`, if it has one).
 */
export function authorizationResponseOf(
  location: Pick<Location, 'search' | 'hash'>,
): URLSearchParams {
  if (location.search) return new URLSearchParams(location.search);
  const fragment = location.hash.slice(1);
  return new URLSearchParams(fragment.slice(fragment.indexOf('?') + 1));
}
