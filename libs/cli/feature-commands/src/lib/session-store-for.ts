import { SessionStore, sessionDirectory } from '@oracle-ai/cli/data-access-session';
import type { CliContext } from './cli-context';

export function sessionStoreFor(context: CliContext): SessionStore {
  return new SessionStore(context.sessionDirectory ?? sessionDirectory(context.env));
}
