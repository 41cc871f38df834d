import { ApiError } from '@oracle-ai/cli/data-access-api';
import { OAuthError } from '@oracle-ai/cli/data-access-oauth';
import { SessionError } from '@oracle-ai/cli/data-access-session';
import { ConfigError } from '@oracle-ai/shared/util-env';
import type { CliContext } from './cli-context';
import { UsageError } from './usage-error';

/** What scripts can rely on. */
export const EXIT = {
  OK: 0,
  /** Not signed in, refused (IdP, API, an unsafe session file), unreachable, incomplete answer. */
  FAILURE: 1,
  /** A wrong command line: unknown command or flag, missing or bad argument, bad ORACLE_AI_*. */
  USAGE: 2,
  /** Stopped with Ctrl-C (128 + SIGINT, as shells report it). */
  INTERRUPTED: 130,
  /** Whoever read stdout went away (`| head`): 128 + SIGPIPE, as for any command in a pipe. */
  BROKEN_PIPE: 141,
} as const;

/**
 * Prints the one line a failure gets on stderr (`oracle-ai: <what happened and what to do>`)
 * and returns the exit status. An error nobody expected also prints its stack, to be reported.
 */
export function reportFailure(error: unknown, context: CliContext): number {
  if ((error as { code?: unknown }).code === 'ERR_CANCELLED') {
    context.stderr('oracle-ai: cancelled\n');
    return EXIT.INTERRUPTED;
  }
  if (error instanceof UsageError || error instanceof ConfigError) {
    context.stderr(`oracle-ai: ${error.message}\n`);
    return EXIT.USAGE;
  }
  if (error instanceof SessionError || error instanceof OAuthError || error instanceof ApiError) {
    context.stderr(`oracle-ai: ${error.message}\n`);
    return EXIT.FAILURE;
  }
  context.stderr(
    `oracle-ai: unexpected error, please report it: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  return EXIT.FAILURE;
}
