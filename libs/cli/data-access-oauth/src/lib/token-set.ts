import type { TokenEndpointResponse, TokenEndpointResponseHelpers } from 'openid-client';

/** What a token response gives the session. Times are milliseconds since the epoch. */
export interface TokenSet {
  accessToken: string;
  tokenType: 'Bearer' | 'DPoP';
  /** From `expires_in`, counted on this machine's clock (so its skew does not matter). */
  expiresAt?: number;
  /** Absent when the IdP issued none (a refresh response without one keeps the old one valid). */
  refreshToken?: string;
  scope?: string;
  /** The ID token's `preferred_username`, `email` or `sub`, when there was an ID token. */
  username?: string;
}

export function toTokenSet(
  response: TokenEndpointResponse & TokenEndpointResponseHelpers,
  receivedAt: number,
): TokenSet {
  const claims = response.claims();
  const username = [claims?.['preferred_username'], claims?.['email'], claims?.sub].find(
    (value): value is string => typeof value === 'string' && value !== '',
  );
  return {
    accessToken: response.access_token,
    tokenType: response.token_type.toLowerCase() === 'dpop' ? 'DPoP' : 'Bearer',
    expiresAt:
      typeof response.expires_in === 'number' ? receivedAt + response.expires_in * 1000 : undefined,
    refreshToken: response.refresh_token,
    scope: response.scope,
    username,
  };
}
