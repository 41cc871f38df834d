import { OracleAiApi } from '@oracle-ai/cli/data-access-api';
import { authorizedFetch, importDpopKey, normalizedApiUrl } from '@oracle-ai/cli/data-access-oauth';
import type { Session } from '@oracle-ai/cli/data-access-session';
import { UsageError } from './usage-error';

/**
 * The API to call with the session's token: `--api`, else `ORACLE_AI_API` (both given to this as
 * `override`), else the API recorded at login.
 */
export async function apiForSession(
  session: Session,
  override: string | undefined,
): Promise<OracleAiApi> {
  const base = override ?? session.api;
  if (base === undefined) {
    throw new UsageError(
      'no API recorded in the session: pass --api <URL>, set ORACLE_AI_API, or log in with --api',
    );
  }
  const dpopKey =
    session.tokenType === 'DPoP' && session.dpopKey
      ? await importDpopKey(session.dpopKey)
      : undefined;
  return new OracleAiApi(
    normalizedApiUrl(base),
    authorizedFetch({
      issuer: session.issuer,
      clientId: session.clientId,
      accessToken: session.accessToken,
      dpopKey,
    }),
  );
}
