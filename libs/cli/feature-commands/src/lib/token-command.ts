import type { CliContext } from './cli-context';
import { freshSession } from './fresh-session';
import { sessionStoreFor } from './session-store-for';

/**
 * `oracle-ai token`: the access token and a newline on stdout, nothing else, so that
 * `curl -H "Authorization: Bearer $(oracle-ai token)"` works. Refreshed first when it expires
 * within a minute. Never written anywhere but stdout.
 */
export async function printToken(context: CliContext): Promise<void> {
  const session = await freshSession(sessionStoreFor(context), context);
  context.stdout(`${session.accessToken}\n`);
  if (session.tokenType === 'DPoP') {
    context.stderr(
      'oracle-ai: warning: this token is DPoP-bound: the API refuses it as Bearer; send it as "Authorization: DPoP <token>" with a DPoP proof signed by the session key (oracle-ai whoami and ask do)\n',
    );
  }
}
