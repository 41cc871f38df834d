import { AuthErrors } from './errors';

/** Tokens larger than this are refused before any parsing (no IdP issues access tokens this big). */
export const MAX_TOKEN_LENGTH = 16 * 1024;

// RFC 6750 §2.1: b64token = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="
const B64TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;

/**
 * Extracts the bearer token from the Authorization header (RFC 6750 §2.1; the scheme is
 * case-insensitive, RFC 9110 §11.1). Tokens are accepted only there: a query `access_token` is
 * refused, as it would end up in logs, history and Referer headers.
 *
 * The token must be an RFC 6750 `b64token`; whether it is a JWT is the verifier's business.
 */
export function extractBearerToken(authorization: string | undefined, query: unknown): string {
  if (hasAccessTokenParam(query)) {
    throw new AuthErrors.InvalidRequest(
      'Access tokens are accepted only in the Authorization header, never in the URL',
    );
  }
  if (authorization === undefined) throw new AuthErrors.MissingToken();
  if (authorization.length > MAX_TOKEN_LENGTH + 64) {
    throw new AuthErrors.InvalidRequest('The Authorization header is too large');
  }
  const header = authorization.trim();
  if (header === '') throw new AuthErrors.MissingToken();
  const space = header.search(/\s/);
  const scheme = space < 0 ? header : header.slice(0, space);
  if (scheme.toLowerCase() !== 'bearer') throw new AuthErrors.MissingToken();
  const token = space < 0 ? '' : header.slice(space).replace(/^ +/, '');
  // b64token has no whitespace, so one scan refuses a second token and illegal characters alike.
  if (token === '' || header[space] !== ' ' || !B64TOKEN.test(token)) {
    throw new AuthErrors.InvalidRequest(
      'The Authorization header is malformed (expected "Bearer <token>")',
    );
  }
  return token;
}

/**
 * The token of an Authorization header in the canonical `Bearer <token>` form, **unchecked**, or
 * undefined for any other form (and whenever the URL carries an `access_token`). Only for cache
 * lookups: a cache hit proves the token is byte for byte one that went through
 * {@link extractBearerToken} and a full verification; on a miss, {@link extractBearerToken} decides.
 */
export function canonicalBearerToken(
  authorization: string | undefined,
  query: unknown,
): string | undefined {
  if (authorization === undefined || !authorization.startsWith('Bearer ')) return undefined;
  return hasAccessTokenParam(query) ? undefined : authorization.slice(7);
}

/**
 * Refuses a request with more than one `Authorization` line. Node keeps only the first line of a
 * repeated `Authorization` header, so a second one would be silently ignored here while a proxy
 * in front may have acted on it; the header is not a list (RFC 9110 §5.3, RFC 6750 §3.1).
 * `rawHeaders` alternates names and values as they arrived.
 */
export function assertSingleAuthorizationLine(rawHeaders: readonly string[]): void {
  let seen = false;
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i];
    if (name.length !== 13 || name.toLowerCase() !== 'authorization') continue;
    if (seen) {
      throw new AuthErrors.InvalidRequest('The request carries more than one Authorization header');
    }
    seen = true;
  }
}

function hasAccessTokenParam(query: unknown): boolean {
  return typeof query === 'object' && query !== null && Object.hasOwn(query, 'access_token');
}
