import { IdentityProvider, OAuthError } from '@oracle-ai/cli/data-access-oauth';
import type { CliContext } from './cli-context';
import { sessionStoreFor } from './session-store-for';

/**
 * `oracle-ai logout`: revokes the refresh token at the IdP (RFC 7009) and deletes the session.
 * The session is deleted even when the revocation fails, and the command then says so and exits
 * 1: the token stays valid at the IdP until it expires. Access tokens already handed out are
 * JWTs the API checks by signature: they work until they expire (minutes).
 */
export async function logout(context: CliContext): Promise<void> {
  const store = sessionStoreFor(context);
  const outcome = await store.update(async (): Promise<LogoutOutcome> => {
    const session = store.read();
    if (session === undefined) return { signedIn: false };
    let unrevoked: string | undefined;
    if (session.refreshToken !== undefined) {
      try {
        const idp = await IdentityProvider.discover(session.issuer, session.clientId);
        if (idp.canRevoke()) await idp.revoke(session.refreshToken);
        else unrevoked = `the IdP at ${session.issuer} offers no revocation endpoint`;
      } catch (error) {
        unrevoked = (error as Error).message;
      }
    }
    store.remove();
    return { signedIn: true, hadRefreshToken: session.refreshToken !== undefined, unrevoked };
  });
  if (!outcome.signedIn) {
    context.stderr('Not signed in: nothing to do.\n');
  } else if (outcome.unrevoked !== undefined) {
    throw new OAuthError(
      'ERR_IDP_UNAVAILABLE',
      `the session is deleted, but the refresh token could not be revoked (${outcome.unrevoked}): it stays valid at the IdP until it expires`,
    );
  } else {
    context.stderr(
      outcome.hadRefreshToken
        ? 'Signed out: refresh token revoked, session deleted.\n'
        : 'Signed out: session deleted.\n',
    );
  }
}

type LogoutOutcome =
  | { signedIn: false }
  | { signedIn: true; hadRefreshToken: boolean; unrevoked?: string };
