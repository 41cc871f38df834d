import { AuthErrors } from './errors';

/** Tokens larger than this are refused before any parsing (no IdP issues access tokens this big). */
export const MAX_TOKEN_LENGTH = 16 * 1024;

// RFC 6750 §2.1: credentials = "Bearer" 1*SP b64token; the scheme is case-insensitive (RFC 9110 §11.1).
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;
const SCHEME = /^([^\s]+)(?:\s|$)/;

/**
 * Extracts the bearer token from the Authorization header. Tokens are accepted only there:
 * a query `access_token` is refused (it would end up in logs, history and Referer headers).
 */
export function extractBearerToken(authorization: string | undefined, query: unknown): string {
  if (hasAccessTokenParam(query)) {
    throw new AuthErrors.InvalidRequest(
      'Access tokens are accepted only in the Authorization header, never in the URL',
    );
  }
  if (authorization === undefined || authorization.trim() === '') {
    throw new AuthErrors.MissingToken();
  }
  if (authorization.length > MAX_TOKEN_LENGTH + 64) {
    throw new AuthErrors.InvalidRequest('The Authorization header is too large');
  }
  const scheme = SCHEME.exec(authorization)?.[1];
  if (scheme === undefined || scheme.toLowerCase() !== 'bearer') {
    throw new AuthErrors.MissingToken();
  }
  const token = BEARER.exec(authorization)?.[1];
  if (token === undefined) {
    throw new AuthErrors.InvalidRequest(
      'The Authorization header is malformed (expected "Bearer <token>")',
    );
  }
  return token;
}

function hasAccessTokenParam(query: unknown): boolean {
  return typeof query === 'object' && query !== null && Object.hasOwn(query, 'access_token');
}
