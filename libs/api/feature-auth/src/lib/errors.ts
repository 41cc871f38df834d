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
  'group_required',
  'idp_unavailable',
];

/** The OpenAPI security scheme of the routes behind {@link bearerAuth}: an RFC 6750 bearer JWT. */
export const BEARER_SECURITY_SCHEME = {
  bearer: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description:
      'An RFC 9068 access token from the configured IdP, in `Authorization: Bearer <token>` only (never the URL or body)',
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

/**
 * Adds the RFC 6750 §3 `WWW-Authenticate` challenge to an auth refusal (400, 401, 403), so every
 * response made of it tells the client what went wrong; other errors pass unchanged. A 401 also
 * names the resource's metadata (RFC 9728 §5.1), where a client learns which IdP to ask.
 */
export function withBearerChallenge(error: Error, resourceMetadataUrl: string): Error {
  const { code, statusCode } = error as { code?: unknown; statusCode?: unknown };
  const challenge =
    typeof code === 'string' && typeof statusCode === 'number'
      ? bearerChallenge(code.toLowerCase(), statusCode, error.message, resourceMetadataUrl)
      : undefined;
  if (challenge !== undefined) {
    const carrier = error as Error & HttpErrorExtras;
    carrier.headers = { ...carrier.headers, 'www-authenticate': challenge };
  }
  return error;
}

function bearerChallenge(
  code: string,
  statusCode: number,
  description: string,
  resourceMetadataUrl: string,
): string | undefined {
  const metadata = `resource_metadata="${quoteSafe(resourceMetadataUrl)}"`;
  if (statusCode === 401 && code === 'missing_token') return `Bearer realm="${REALM}", ${metadata}`;
  const error =
    statusCode === 400
      ? 'invalid_request'
      : statusCode === 401
        ? 'invalid_token'
        : statusCode === 403
          ? 'insufficient_scope'
          : undefined;
  if (error === undefined) return undefined;
  const challenge = `Bearer realm="${REALM}", error="${error}", error_description="${quoteSafe(description)}"`;
  return statusCode === 401 ? `${challenge}, ${metadata}` : challenge;
}

/** RFC 6750 §3: error_description (and any quoted value here) is restricted to %x20-21 / %x23-5B / %x5D-7E. */
function quoteSafe(text: string): string {
  return text.replace(/[^\x20-\x21\x23-\x5B\x5D-\x7E]/g, '');
}
