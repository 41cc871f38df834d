import { GroupMembership, readGroups, type GroupsClaimOptions } from './groups';
import type { VerifiedAccessToken } from './access-token-verifier';

/** The caller, as established from a verified access token. */
export interface AuthenticatedUser {
  sub: string;
  username: string;
  name?: string;
  email?: string;
  groups: string[];
  /** `groups`, indexed for group-policy checks. */
  membership: GroupMembership;
  expiresAt: Date;
  /** Whether the token is bound to a key (`cnf`): then it was presented with a DPoP proof. */
  dpopBound: boolean;
  claims: Readonly<Record<string, unknown>>;
}

/** The caller named by a verified token's claims, its groups read with `groupsClaim`. */
export function toUser(
  claims: VerifiedAccessToken['claims'],
  groupsClaim: GroupsClaimOptions,
): AuthenticatedUser {
  const groups = readGroups(claims, groupsClaim);
  return {
    sub: claims.sub,
    username:
      stringClaim(claims, 'preferred_username') ?? stringClaim(claims, 'username') ?? claims.sub,
    name: stringClaim(claims, 'name'),
    email: stringClaim(claims, 'email'),
    groups,
    membership: new GroupMembership(groups),
    expiresAt: new Date(claims.exp * 1000),
    dpopBound: claims['cnf'] !== undefined,
    claims,
  };
}

function stringClaim(claims: Record<string, unknown>, name: string): string | undefined {
  const value = claims[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}
