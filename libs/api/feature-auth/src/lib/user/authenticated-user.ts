import { GroupMembership, readGroups, type GroupsClaimOptions } from './groups';

/** Claims of a verified access token: `sub` and `exp` are guaranteed, everything else as sent. */
export type AccessTokenClaims = Readonly<Record<string, unknown>> & {
  readonly iss: string;
  readonly sub: string;
  readonly exp: number;
};

/**
 * The caller, as established from a verified access token. Frozen, like the claims it is made
 * of: a token stays cached for its lifetime, and nothing a handler does to `request.user` may
 * change what the next request with the same token sees.
 */
export interface AuthenticatedUser {
  readonly sub: string;
  /** The token's issuer: with `sub`, what identifies the caller across instances (e.g. per-user limits). */
  readonly issuer: string;
  readonly username: string;
  readonly name?: string;
  readonly email?: string;
  readonly groups: readonly string[];
  /** `groups`, indexed for group-policy checks. */
  readonly membership: GroupMembership;
  /** When the access token expires (ISO 8601). */
  readonly expiresAt: string;
  /** Whether the token is bound to a key (`cnf`): then it was presented with a DPoP proof. */
  readonly dpopBound: boolean;
  readonly claims: AccessTokenClaims;
}

/** The caller named by verified claims (frozen by the caller), its groups read with `groupsClaim`. */
export function toUser(
  claims: AccessTokenClaims,
  groupsClaim: GroupsClaimOptions,
): AuthenticatedUser {
  const groups = Object.freeze(readGroups(claims, groupsClaim));
  const name = stringClaim(claims, 'name');
  const email = stringClaim(claims, 'email');
  return Object.freeze({
    sub: claims.sub,
    issuer: claims.iss,
    username:
      stringClaim(claims, 'preferred_username') ?? stringClaim(claims, 'username') ?? claims.sub,
    ...(name !== undefined && { name }),
    ...(email !== undefined && { email }),
    groups,
    membership: new GroupMembership(groups),
    expiresAt: new Date(claims.exp * 1000).toISOString(),
    dpopBound: claims['cnf'] !== undefined,
    claims,
  });
}

function stringClaim(claims: Readonly<Record<string, unknown>>, name: string): string | undefined {
  const value = claims[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}
