import { IdentityProvider, importDpopKey, OAuthError } from '@oracle-ai/cli/data-access-oauth';
import type { Session, SessionStore } from '@oracle-ai/cli/data-access-session';
import type { CliContext } from './cli-context';
import { withTokens } from './session-tokens';

/** An access token expiring sooner than this is refreshed before it is handed out. */
export const REFRESH_MARGIN_MS = 60_000;
/** When the IdP is down, a token still good for this long is handed out with a warning. */
const USABLE_WHILE_IDP_DOWN_MS = 10_000;

/**
 * The session, with an access token valid for at least {@link REFRESH_MARGIN_MS} when a refresh
 * can give one. The refresh happens under the session lock, after reading the session again:
 * of several commands started together, the first refreshes and the others find its result,
 * so the rotating refresh token is redeemed once (a second redemption would look like theft to
 * the IdP and end the session).
 */
export async function freshSession(store: SessionStore, context: CliContext): Promise<Session> {
  const stored = store.require();
  if (!needsRefresh(stored, Date.now())) return stored;
  return store.update(async () => {
    const latest = store.require();
    const now = Date.now();
    if (!needsRefresh(latest, now)) return latest;
    if (latest.refreshToken === undefined) {
      if (latest.expiresAt !== undefined && latest.expiresAt <= now) {
        throw new OAuthError(
          'ERR_SESSION_ENDED',
          'the access token has expired and the IdP gave no refresh token: run `oracle-ai login` again',
        );
      }
      return latest;
    }
    try {
      const idp = await IdentityProvider.discover(latest.issuer, latest.clientId);
      const dpopKey = latest.dpopKey && (await importDpopKey(latest.dpopKey));
      const refreshed = withTokens(
        latest,
        await idp.refresh(latest.refreshToken, dpopKey),
        Date.now(),
      );
      store.write(refreshed);
      return refreshed;
    } catch (error) {
      if (
        error instanceof OAuthError &&
        error.code === 'ERR_IDP_UNAVAILABLE' &&
        latest.expiresAt !== undefined &&
        latest.expiresAt - Date.now() > USABLE_WHILE_IDP_DOWN_MS
      ) {
        const seconds = Math.floor((latest.expiresAt - Date.now()) / 1000);
        context.stderr(
          `oracle-ai: warning: could not refresh (${error.message}); the current token is valid for ${seconds} s more\n`,
        );
        return latest;
      }
      throw error;
    }
  });
}

/** Expiring within the margin; without a known expiry, whenever a refresh token allows it. */
function needsRefresh(session: Session, now: number): boolean {
  if (session.expiresAt === undefined) return session.refreshToken !== undefined;
  return session.expiresAt - now <= REFRESH_MARGIN_MS;
}
