import { AuthErrors } from './errors';

/** Tokens larger than this are refused before any parsing (no IdP issues access tokens this big). */
export const MAX_TOKEN_LENGTH = 16 * 1024;

// RFC 6750 §2.1: b64token = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="
const B64TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;

/** How the client presented its access token: RFC 6750 `Bearer`, or RFC 9449 `DPoP` with a proof. */
export type TokenScheme = 'bearer' | 'dpop';

export interface PresentedToken {
  scheme: TokenScheme;
  token: string;
}

/**
 * Extracts the access token from the Authorization header: `Bearer <token>` (RFC 6750 §2.1) and,
 * when `dpop`, also `DPoP <token>` (RFC 9449 §7.1); the scheme is case-insensitive (RFC 9110
 * §11.1). Tokens are accepted only there: a query `access_token` is refused, as it would end up in
 * logs, history and Referer headers. Another scheme is no token at all.
 *
 * The token must be an RFC 6750 `b64token`; whether it is a JWT is the verifier's business.
 */
export function extractAccessToken(
  authorization: string | undefined,
  query: unknown,
  { dpop }: { dpop: boolean },
): PresentedToken {
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
  const schemeName = (space < 0 ? header : header.slice(0, space)).toLowerCase();
  const scheme: TokenScheme | undefined =
    schemeName === 'bearer' ? 'bearer' : dpop && schemeName === 'dpop' ? 'dpop' : undefined;
  if (scheme === undefined) throw new AuthErrors.MissingToken();
  const token = space < 0 ? '' : header.slice(space).replace(/^ +/, '');
  // b64token has no whitespace, so one scan refuses a second token and illegal characters alike.
  if (token === '' || header[space] !== ' ' || !B64TOKEN.test(token)) {
    throw new AuthErrors.InvalidRequest(
      `The Authorization header is malformed (expected "${scheme === 'dpop' ? 'DPoP' : 'Bearer'} <token>")`,
    );
  }
  return { scheme, token };
}

/**
 * The token of an Authorization header in the canonical `Bearer <token>` (or, when `dpop`,
 * `DPoP <token>`) form, **unchecked**, or undefined for any other form (and whenever the URL
 * carries an `access_token`). Only for cache lookups: a cache hit proves the token is byte for
 * byte one that went through {@link extractAccessToken} and a full verification; on a miss,
 * {@link extractAccessToken} decides.
 */
export function canonicalAccessToken(
  authorization: string | undefined,
  query: unknown,
  { dpop }: { dpop: boolean },
): PresentedToken | undefined {
  if (authorization === undefined || hasAccessTokenParam(query)) return undefined;
  if (authorization.startsWith('Bearer ')) {
    return { scheme: 'bearer', token: authorization.slice(7) };
  }
  if (dpop && authorization.startsWith('DPoP ')) {
    return { scheme: 'dpop', token: authorization.slice(5) };
  }
  return undefined;
}

/**
 * Refuses a request with more than one line of a header that is not a list. Node keeps only the
 * first line of a repeated `Authorization` header, so a second one would be silently ignored here
 * while a proxy in front may have acted on it (RFC 9110 §5.3, RFC 6750 §3.1); RFC 9449 §4.3 asks
 * for exactly one `DPoP` header. `rawHeaders` alternates names and values as they arrived.
 */
export function assertSingleHeaderLine(
  rawHeaders: readonly string[],
  lowerCaseName: 'authorization' | 'dpop',
  refusal: (message: string) => Error,
): void {
  let seen = false;
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i];
    if (name.length !== lowerCaseName.length || name.toLowerCase() !== lowerCaseName) continue;
    if (seen) throw refusal(`The request carries more than one ${name} header`);
    seen = true;
  }
}

function hasAccessTokenParam(query: unknown): boolean {
  return typeof query === 'object' && query !== null && Object.hasOwn(query, 'access_token');
}
