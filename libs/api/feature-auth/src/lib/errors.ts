import createError, { type FastifyErrorConstructor } from '@fastify/error';
import type { HttpErrorExtras } from '@oracle-ai/api/feature-platform';
import type { ApiErrorCode } from '@oracle-ai/shared/util-api-contract';

/** An auth error class, and the stable API code its instances carry (`code`, upper-cased by `@fastify/error`). */
type AuthErrorClass<Args extends unknown[]> = FastifyErrorConstructor<{ code: string }, Args> & {
  readonly apiCode: ApiErrorCode;
};

/** Expected, client-caused errors: no stack trace is captured (they are control flow, not bugs). */
function authError<Args extends unknown[] = []>(
  code: ApiErrorCode,
  message: string,
  statusCode: number,
): AuthErrorClass<Args> {
  return Object.assign(createError<Args>(code, message, statusCode, Error, false), {
    apiCode: code,
  });
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
  IdpUnavailable: authError<[{ cause?: unknown }?]>(
    'idp_unavailable',
    'The identity provider cannot be reached to obtain signing keys; retry later',
    503,
  ),
  ReplayStoreUnavailable: authError<[{ cause?: unknown }?]>(
    'replay_store_unavailable',
    'DPoP proofs cannot be checked for replay right now; retry later',
    503,
  ),
};

/** Every code an authenticated route can be refused with (what its API document lists), read off {@link AuthErrors}. */
export const AUTH_ERROR_CODES: readonly ApiErrorCode[] = Object.values(AuthErrors).map(
  (errorClass) => errorClass.apiCode,
);

/** A refusal whose challenge must be `DPoP` whatever scheme the request used (a bound token sent as Bearer). */
export interface DpopChallenged {
  challengeScheme: 'dpop';
}

/** Marks a refusal that must be answered with a DPoP challenge whatever scheme was used. */
export function dpopChallenged<E extends Error>(error: E): E & DpopChallenged {
  return Object.assign(error, { challengeScheme: 'dpop' as const });
}

export function groupRequired(groups: readonly string[]): Error & HttpErrorExtras {
  return Object.assign(new AuthErrors.GroupRequired(groups.join(', ')), {
    requiredGroups: [...groups],
  });
}

export function idpUnavailable(retryAfterS: number, cause?: unknown): Error & HttpErrorExtras {
  return Object.assign(new AuthErrors.IdpUnavailable({ cause }), { retryAfterS });
}
