import createError from '@fastify/error';
import { errors as joseErrors } from 'jose';
import type { HttpErrorExtras } from '@oracle-ai/api/feature-platform';
import type { ApiErrorCode } from '@oracle-ai/shared/util-api-contract';

export const REALM = 'oracle-ai';

/** Expected, client-caused errors: no stack trace is captured (they are control flow, not bugs). */
function authError<Arg extends unknown[] = []>(
  code: ApiErrorCode,
  message: string,
  statusCode: number,
) {
  return createError<Arg>(code, message, statusCode, Error, false);
}

/**
 * Every error the auth layer raises. `code` is the stable API error code sent to clients;
 * messages are generic on purpose: they say what was wrong, never echo token content.
 */
export const AuthErrors = {
  InvalidRequest: authError<[string]>('invalid_request', '%s', 400),
  MissingToken: authError(
    'missing_token',
    'An access token is required (Authorization: Bearer <token>)',
    401,
  ),
  InvalidToken: authError<[string]>('invalid_token', '%s', 401),
  TokenExpired: authError('token_expired', 'The access token has expired', 401),
  TokenNotYetValid: authError('token_not_yet_valid', 'The access token is not valid yet', 401),
  InvalidSignature: authError('invalid_signature', 'The access token signature is invalid', 401),
  InvalidIssuer: authError(
    'invalid_issuer',
    'The access token was issued by an untrusted issuer',
    401,
  ),
  InvalidAudience: authError(
    'invalid_audience',
    'The access token is not intended for this API',
    401,
  ),
  UnsupportedAlgorithm: authError(
    'unsupported_algorithm',
    'The access token is signed with an algorithm this API does not accept',
    401,
  ),
  UnknownSigningKey: authError(
    'unknown_signing_key',
    'The access token is signed with an unknown key',
    401,
  ),
  MissingClaim: authError<[string]>(
    'missing_claim',
    'The access token lacks a required claim (%s)',
    401,
  ),
  InvalidTokenType: authError('invalid_token_type', 'The token is not an access token', 401),
  GroupRequired: authError<[string]>(
    'group_required',
    'Membership of one of these groups is required: %s',
    403,
  ),
  InvalidDpopProof: authError<[string]>('invalid_dpop_proof', '%s', 401),
  UseDpopNonce: authError(
    'use_dpop_nonce',
    'The DPoP proof must carry the nonce this API provides in the DPoP-Nonce header',
    401,
  ),
  ReplayStoreUnavailable: authError<[{ cause?: unknown }?]>(
    'replay_store_unavailable',
    'DPoP proofs cannot be checked for replay right now; retry later',
    503,
  ),
  IdpUnavailable: authError<[{ cause?: unknown }?]>(
    'idp_unavailable',
    'The identity provider cannot be reached to obtain signing keys; retry later',
    503,
  ),
};

/** Every code an authenticated route can be refused with: what its API document lists. */
export const AUTH_ERROR_CODES: readonly ApiErrorCode[] = [
  'invalid_request',
  'missing_token',
  'invalid_token',
  'token_expired',
  'token_not_yet_valid',
  'invalid_signature',
  'invalid_issuer',
  'invalid_audience',
  'unsupported_algorithm',
  'unknown_signing_key',
  'missing_claim',
  'invalid_token_type',
  'invalid_dpop_proof',
  'use_dpop_nonce',
  'group_required',
  'idp_unavailable',
  'replay_store_unavailable',
];

/** The OpenAPI security schemes of the routes behind {@link bearerAuth}: Bearer, or DPoP. */
export const ACCESS_TOKEN_SECURITY_SCHEMES = {
  bearer: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description:
      'An RFC 9068 access token from the configured IdP, in `Authorization: Bearer <token>` only (never the URL or body). Not for a token bound to a key (`cnf`).',
  },
  dpop: {
    type: 'http',
    scheme: 'DPoP',
    description:
      'A DPoP-bound access token (RFC 9449): `Authorization: DPoP <token>` with a `DPoP` proof header signed by the key the token names in `cnf.jkt` — unless `AUTH_DPOP=off`; with `AUTH_DPOP=required` the only scheme accepted.',
  },
} as const;

export function groupRequired(groups: string[]): Error & HttpErrorExtras {
  return Object.assign(new AuthErrors.GroupRequired(groups.join(', ')), { requiredGroups: groups });
}

export function idpUnavailable(retryAfterS: number, cause?: unknown): Error & HttpErrorExtras {
  return Object.assign(new AuthErrors.IdpUnavailable({ cause }), { retryAfterS });
}

/**
 * Maps an error of jose's claims validation (switching on its stable `code`) to an API error.
 * Only claims are validated by jose (the signature and the key are checked before), so only its
 * claim errors and a malformed claims set can arrive here.
 */
export function wrapJoseError(error: unknown): Error {
  if (!(error instanceof joseErrors.JOSEError)) return error as Error;
  switch (error.code) {
    case joseErrors.JWTExpired.code:
      return new AuthErrors.TokenExpired();
    case joseErrors.JWTClaimValidationFailed.code:
      return claimError(error as joseErrors.JWTClaimValidationFailed);
    default:
      return new AuthErrors.InvalidToken('The access token is malformed');
  }
}

function claimError(error: joseErrors.JWTClaimValidationFailed): Error {
  const { claim, reason } = error;
  if (reason === 'missing') return new AuthErrors.MissingClaim(claim);
  switch (claim) {
    case 'iss':
      return new AuthErrors.InvalidIssuer();
    case 'aud':
      return new AuthErrors.InvalidAudience();
    case 'nbf':
      return reason === 'check_failed'
        ? new AuthErrors.TokenNotYetValid()
        : new AuthErrors.InvalidToken(`The access token has an invalid "${claim}" claim`);
    default:
      return new AuthErrors.InvalidToken(`The access token has an invalid "${claim}" claim`);
  }
}

/** How to challenge a refused request: the scheme it used (or must use), and what to name. */
export interface ChallengeContext {
  scheme: 'bearer' | 'dpop';
  /** The RFC 9728 metadata URL, named in every 401 challenge (RFC 9728 §5.1). */
  resourceMetadataUrl: string;
  /** The algorithms a DPoP proof may use, named in every DPoP challenge (RFC 9449 §7.1). */
  dpopAlgorithms: readonly string[];
}

const DPOP_CHALLENGED = new WeakSet<Error>();

/** Marks a refusal that must be answered with a DPoP challenge whatever scheme was used. */
export function dpopChallenged<E extends Error>(error: E): E {
  DPOP_CHALLENGED.add(error);
  return error;
}

/** RFC 6750 §3 / RFC 9449 §7.1 `error` values by status; DPoP proof errors name themselves. */
function challengeError(code: string, statusCode: number): string | undefined {
  if (statusCode === 400) return 'invalid_request';
  if (statusCode === 403) return 'insufficient_scope';
  if (statusCode !== 401) return undefined;
  return code === 'invalid_dpop_proof' || code === 'use_dpop_nonce' ? code : 'invalid_token';
}

/**
 * Adds the `WWW-Authenticate` challenge to an auth refusal (400, 401, 403), so every response
 * made of it tells the client what went wrong and how to authenticate: `Bearer` (RFC 6750 §3),
 * or `DPoP` with the accepted proof algorithms (RFC 9449 §7.1) for a request that used DPoP, a
 * proof error, or a token that must be presented with DPoP. A 401 also names the resource's
 * metadata (RFC 9728 §5.1). Other errors pass unchanged.
 */
export function withChallenge(error: Error, context: ChallengeContext): Error {
  const { code: rawCode, statusCode } = error as { code?: unknown; statusCode?: unknown };
  if (typeof rawCode !== 'string' || typeof statusCode !== 'number') return error;
  const code = rawCode.toLowerCase();
  const errorValue = challengeError(code, statusCode);
  const missing = statusCode === 401 && code === 'missing_token';
  if (errorValue === undefined && !missing) return error;
  const dpop =
    context.scheme === 'dpop' ||
    DPOP_CHALLENGED.has(error) ||
    code === 'invalid_dpop_proof' ||
    code === 'use_dpop_nonce';
  const params = [`realm="${REALM}"`];
  if (!missing) {
    params.push(`error="${errorValue}"`, `error_description="${quoteSafe(error.message)}"`);
  }
  if (dpop) params.push(`algs="${context.dpopAlgorithms.join(' ')}"`);
  if (statusCode === 401)
    params.push(`resource_metadata="${quoteSafe(context.resourceMetadataUrl)}"`);
  const carrier = error as Error & HttpErrorExtras;
  carrier.headers = {
    ...carrier.headers,
    'www-authenticate': `${dpop ? 'DPoP' : 'Bearer'} ${params.join(', ')}`,
  };
  return error;
}

/** RFC 6750 §3: error_description (and any quoted value here) is restricted to %x20-21 / %x23-5B / %x5D-7E. */
function quoteSafe(text: string): string {
  return text.replace(/[^\x20-\x21\x23-\x5B\x5D-\x7E]/g, '');
}
