import * as client from 'openid-client';
import type { DpopKey } from './dpop-key';
import { checkedUrl } from './identity-provider';

/** The access token and what is needed to present it. */
export interface ApiCredentials {
  issuer: string;
  clientId: string;
  accessToken: string;
  /** Present for a DPoP-bound token: every request then carries a proof signed with it. */
  dpopKey?: DpopKey;
}

export interface AuthorizedRequest {
  url: URL;
  method: string;
  headers?: Record<string, string>;
  body?: string;
  /** Ends the request, including a body still streaming (Ctrl-C, an idle timeout). */
  signal?: AbortSignal;
}

/** A `fetch` that presents the session's access token; answers of every status are returned. */
export type AuthorizedFetch = (request: AuthorizedRequest) => Promise<Response>;

/**
 * Calls the API with `Authorization: Bearer <token>`, or for a DPoP-bound token with
 * `Authorization: DPoP <token>` and a fresh proof (`htm`, `htu`, `ath`) from openid-client,
 * which also retries once with the API's nonce when it asks for one (RFC 9449 §9). No overall
 * timeout is imposed: an answer may stream for minutes; the caller's `signal` bounds it.
 */
export function authorizedFetch(credentials: ApiCredentials): AuthorizedFetch {
  return async ({ url, method, headers, body, signal }) => {
    checkedUrl(url.href, 'the API URL');
    const config = new client.Configuration({ issuer: credentials.issuer }, credentials.clientId);
    if (url.protocol === 'http:') client.allowInsecureRequests(config);
    config.timeout = 0;
    // openid-client's body type is wider than fetch's; it passes on what it was given, a string.
    config[client.customFetch] = (input, init) => fetch(input, { ...init, signal } as RequestInit);
    const dpop = credentials.dpopKey && {
      DPoP: client.getDPoPHandle(config, credentials.dpopKey.pair),
    };
    try {
      return await client.fetchProtectedResource(
        config,
        credentials.accessToken,
        url,
        method,
        body,
        new Headers({ 'user-agent': 'oracle-ai-cli', ...headers }),
        dpop,
      );
    } catch (error) {
      // Every 401 and 403 carries a challenge: that is an answer for the caller, not a failure.
      if (error instanceof client.WWWAuthenticateChallengeError) return error.response;
      throw error;
    }
  };
}
