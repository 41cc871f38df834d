import * as client from 'openid-client';
import { networkReason, printable } from '@oracle-ai/cli/util-messages';

export type OAuthErrorCode =
  /** The IdP (or the API's metadata) could not be reached, or answered garbage. */
  | 'ERR_IDP_UNAVAILABLE'
  /** A URL that may not be used: plain http to a remote host, metadata naming another resource. */
  | 'ERR_OAUTH_CONFIGURATION'
  /** The IdP refused: the user denied, the client is unknown, a grant was invalid. */
  | 'ERR_OAUTH_REFUSED'
  /** An answer that breaks the protocol: wrong `iss`, a malformed token response, a bad ID token. */
  | 'ERR_OAUTH_INVALID_RESPONSE'
  /** The refresh token no longer works (expired, revoked, reused): the user must log in again. */
  | 'ERR_SESSION_ENDED'
  /** No loopback port of those allowed could be bound. */
  | 'ERR_PORTS_BUSY'
  /** The browser never came back within the wait. */
  | 'ERR_LOGIN_TIMEOUT'
  /** The user pressed Ctrl-C. */
  | 'ERR_CANCELLED';

/** A failure of the OAuth side; the message is one line for the user. */
export class OAuthError extends Error {
  override readonly name = 'OAuthError';
  constructor(
    readonly code: OAuthErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Turns what openid-client (or fetch under it) threw while talking to `where` into an
 * {@link OAuthError} a user can act on. `refused` says what an OAuth error answer means here.
 */
export function describeOAuthFailure(
  where: string,
  error: unknown,
  refused: OAuthErrorCode = 'ERR_OAUTH_REFUSED',
): OAuthError {
  if (error instanceof OAuthError) return error;
  if (
    error instanceof client.ResponseBodyError ||
    error instanceof client.AuthorizationResponseError
  ) {
    const description = error.error_description ? `: ${printable(error.error_description)}` : '';
    return new OAuthError(refused, `${where} refused: ${printable(error.error)}${description}`);
  }
  // openid-client wraps a failed fetch in a ClientError without a code.
  if (error instanceof client.ClientError && error.code !== undefined) {
    const cause = describeCause(error.cause);
    return new OAuthError(
      'ERR_OAUTH_INVALID_RESPONSE',
      `${where}: ${printable(error.message)}${cause}`,
    );
  }
  const failure = error instanceof client.ClientError ? error.cause : error;
  return new OAuthError('ERR_IDP_UNAVAILABLE', `cannot reach ${where} (${networkReason(failure)})`);
}

/** openid-client puts the protocol check that failed, or the HTTP response, in `cause`. */
function describeCause(cause: unknown): string {
  if (cause instanceof Response) return ` (HTTP ${cause.status} from ${printable(cause.url)})`;
  if (cause instanceof Error) return `: ${printable(cause.message)}`;
  return '';
}
