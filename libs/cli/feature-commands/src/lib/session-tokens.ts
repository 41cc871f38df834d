import type { Session } from '@oracle-ai/cli/data-access-session';
import type { TokenSet } from '@oracle-ai/cli/data-access-oauth';

/** The session with the tokens of a token response in place of its own. */
export function withTokens(session: Session, tokens: TokenSet, now: number): Session {
  return {
    ...session,
    accessToken: tokens.accessToken,
    tokenType: tokens.tokenType,
    expiresAt: tokens.expiresAt,
    refreshToken: tokens.refreshToken,
    scope: tokens.scope ?? session.scope,
    username: tokens.username ?? session.username,
    refreshedAt: now,
  };
}
