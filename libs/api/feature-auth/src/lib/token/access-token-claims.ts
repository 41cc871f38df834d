import { errors as joseErrors } from 'jose';
import { AuthErrors } from '../errors';

/**
 * The largest NumericDate accepted for `exp`, `nbf` and `iat`: the last instant a JavaScript
 * `Date` can represent (+275760-09-13T00:00:00Z). JSON also yields `1e20` or `Infinity` (from
 * `1e400`); such a value is a broken or hostile token, not a long-lived one.
 */
export const MAX_NUMERIC_DATE_S = 8_640_000_000_000;

/** Keycloak's `typ` claim on its access tokens; `Refresh`, `Offline`, `Logout`, `ID`… name other kinds. */
const ACCESS_TOKEN_TYP_CLAIM = 'Bearer';

/** Claims only ID tokens carry (OIDC Core §3.1.3.6, §3.3.2.11): their presence betrays an ID token. */
const ID_TOKEN_ONLY_CLAIMS = ['at_hash', 'c_hash', 's_hash'] as const;

const NUMERIC_DATE_CLAIMS = ['exp', 'nbf', 'iat'] as const;

/**
 * The first registered claim (RFC 7519 §4.1) present with a type or range the API cannot use, as
 * an `invalid_token` error; undefined when all are usable. jose compares values but lets some
 * types through (an `aud` array with `null` members, a `1e20` expiry), and a mistyped `iss`/`aud`
 * is a malformed token rather than a wrong issuer or audience, so this runs first.
 */
export function registeredClaimTypeError(claims: Record<string, unknown>): Error | undefined {
  const { iss, aud, sub } = claims;
  if (iss !== undefined && typeof iss !== 'string') return invalidClaim('iss');
  if (aud !== undefined && !isAudience(aud)) return invalidClaim('aud');
  if (sub !== undefined && (typeof sub !== 'string' || sub === '')) return invalidClaim('sub');
  for (const name of NUMERIC_DATE_CLAIMS) {
    const value = claims[name];
    if (value !== undefined && !isNumericDate(value)) return invalidClaim(name);
  }
  return undefined;
}

/**
 * `invalid_token_type` when the claims show another kind of token than an access token: a `typ`
 * claim other than Keycloak's `Bearer`, or a claim only ID tokens carry.
 */
export function tokenTypeError(claims: Record<string, unknown>): Error | undefined {
  const typ = claims['typ'];
  if (typ !== undefined && typ !== ACCESS_TOKEN_TYP_CLAIM) return new AuthErrors.InvalidTokenType();
  if (ID_TOKEN_ONLY_CLAIMS.some((claim) => claims[claim] !== undefined)) {
    return new AuthErrors.InvalidTokenType();
  }
  return undefined;
}

/** RFC 7519 §4.1.3: a string, or an array of strings. */
function isAudience(value: unknown): boolean {
  if (typeof value === 'string') return true;
  return Array.isArray(value) && value.every((member) => typeof member === 'string');
}

function isNumericDate(value: unknown): boolean {
  return (
    typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= MAX_NUMERIC_DATE_S
  );
}

function invalidClaim(name: string): Error {
  return new AuthErrors.InvalidToken(`The access token has an invalid "${name}" claim`);
}

/**
 * Maps an error of jose's claims validation (switching on its stable `code`) to an API error.
 * Only claims are validated by jose (the signature and the key are checked before), so only its
 * claim errors and a malformed claims set can arrive here.
 */
export function claimsValidationError(error: unknown): Error {
  if (!(error instanceof joseErrors.JOSEError)) return error as Error;
  switch (error.code) {
    case joseErrors.JWTExpired.code:
      return new AuthErrors.TokenExpired();
    case joseErrors.JWTClaimValidationFailed.code: {
      const { claim, reason } = error as joseErrors.JWTClaimValidationFailed;
      if (reason === 'missing') return new AuthErrors.MissingClaim(claim);
      if (claim === 'iss') return new AuthErrors.InvalidIssuer();
      if (claim === 'aud') return new AuthErrors.InvalidAudience();
      if (claim === 'nbf' && reason === 'check_failed') return new AuthErrors.TokenNotYetValid();
      return invalidClaim(claim);
    }
    default:
      return new AuthErrors.InvalidToken('The access token is malformed');
  }
}
