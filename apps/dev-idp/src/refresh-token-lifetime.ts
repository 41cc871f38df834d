import type { RefreshToken, TtlFunction } from 'oidc-provider';

/**
 * Refresh token lifetime as RFC 10017 §6.3.2.3 asks of a browser client's tokens: counted from
 * the first refresh token of the grant (`iiat`, which oidc-provider carries over on every
 * rotation), so rotating never extends it. Each rotated token gets what is left of the grant's
 * `maxLifetimeS`, whether or not it is sender-constrained (oidc-provider's default caps only
 * unconstrained ones and starts at 14 days).
 */
export function refreshTokenTtl(maxLifetimeS: number): TtlFunction<RefreshToken> {
  return (_ctx, token) => {
    const remainingS = token.iiat + maxLifetimeS - Math.floor(Date.now() / 1000);
    // 0 would store the token without an expiry. Unreachable: a token past the cap is refused
    // before it could be rotated, so its successor always has at least a second left.
    return Math.max(remainingS, 1);
  };
}
