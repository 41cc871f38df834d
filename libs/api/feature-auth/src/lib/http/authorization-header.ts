import { AuthErrors } from '../errors';
import { MAX_TOKEN_LENGTH } from '../token/access-token-verifier';

/** How the client presented its access token: RFC 6750 `Bearer`, or RFC 9449 `DPoP` with a proof. */
export type TokenScheme = 'bearer' | 'dpop';

export interface PresentedToken {
  scheme: TokenScheme;
  token: string;
  /** The `DPoP` header, for the DPoP scheme only (its checks are the sender constraint's). */
  proof: string | undefined;
}

/** What the parser reads of a request; a Fastify request is one. */
export interface CredentialSource {
  headers: { authorization?: string; dpop?: string | string[] };
  raw: { rawHeaders: readonly string[] };
  query: unknown;
}

/**
 * The one parser of a request's credentials. The token is accepted only in the Authorization
 * header: `Bearer <token>` (RFC 6750 §2.1) and, when `dpop`, `DPoP <token>` with its `DPoP` proof
 * header (RFC 9449 §7.1); the scheme is case-insensitive (RFC 9110 §11.1). A query `access_token`
 * is refused (it would end up in logs, history and Referer headers), and so is a second
 * Authorization or DPoP line (Node keeps only the first, while a proxy in front may have acted on
 * another: RFC 9110 §5.3, RFC 9449 §4.3). Another scheme is no token at all. What the token itself
 * may contain (an RFC 6750 `b64token`, a JWS) is the verifier's to check, before any verification.
 */
export function readCredentials(
  request: CredentialSource,
  { dpop }: { dpop: boolean },
): PresentedToken {
  if (hasAccessTokenParam(request.query)) {
    throw new AuthErrors.InvalidRequest(
      'Access tokens are accepted only in the Authorization header, never in the URL',
    );
  }
  const authorization = request.headers.authorization;
  if (authorization === undefined) throw new AuthErrors.MissingToken();
  assertSingleLine(
    request.raw.rawHeaders,
    'authorization',
    (message) => new AuthErrors.InvalidRequest(message),
  );
  if (authorization.length > MAX_TOKEN_LENGTH + 64) {
    throw new AuthErrors.InvalidRequest('The Authorization header is too large');
  }
  const { scheme, token } = parseAuthorization(authorization, dpop);
  if (scheme === 'bearer') return { scheme, token, proof: undefined };
  assertSingleLine(
    request.raw.rawHeaders,
    'dpop',
    (message) => new AuthErrors.InvalidDpopProof(message),
  );
  const proof = request.headers.dpop;
  return { scheme, token, proof: typeof proof === 'string' ? proof : undefined };
}

/** The scheme and token of an Authorization header: the scheme, one or more spaces, the token. */
function parseAuthorization(
  authorization: string,
  dpop: boolean,
): { scheme: TokenScheme; token: string } {
  // The form every client sends, taken apart at once.
  if (
    authorization.startsWith('Bearer ') &&
    authorization.charCodeAt(7) > 0x20 &&
    authorization.charCodeAt(authorization.length - 1) > 0x20
  ) {
    return { scheme: 'bearer', token: authorization.slice(7) };
  }
  const header = authorization.trim();
  if (header === '') throw new AuthErrors.MissingToken();
  const space = header.search(/\s/);
  const schemeName = (space < 0 ? header : header.slice(0, space)).toLowerCase();
  const scheme: TokenScheme | undefined =
    schemeName === 'bearer' ? 'bearer' : dpop && schemeName === 'dpop' ? 'dpop' : undefined;
  if (scheme === undefined) throw new AuthErrors.MissingToken();
  const token = space < 0 ? '' : header.slice(space).replace(/^ +/, '');
  if (token === '' || header[space] !== ' ') throw malformedHeader(scheme);
  return { scheme, token };
}

/** RFC 6750 §3.1 `invalid_request`: the header does not have the form of the scheme. */
function malformedHeader(scheme: TokenScheme): Error {
  return new AuthErrors.InvalidRequest(
    `The Authorization header is malformed (expected "${scheme === 'dpop' ? 'DPoP' : 'Bearer'} <token>")`,
  );
}

/** `rawHeaders` alternates names and values as they arrived. */
function assertSingleLine(
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
