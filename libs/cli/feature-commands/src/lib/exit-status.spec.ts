import { ApiError } from '@oracle-ai/cli/data-access-api';
import { OAuthError } from '@oracle-ai/cli/data-access-oauth';
import { SessionError } from '@oracle-ai/cli/data-access-session';
import { ConfigError } from '@oracle-ai/shared/util-env';
import type { CliContext } from './cli-context';
import { EXIT, reportFailure } from './exit-status';
import { UsageError } from './usage-error';

describe('reportFailure', () => {
  let stderr: string;
  const context = { stderr: (text: string) => (stderr += text) } as unknown as CliContext;

  beforeEach(() => {
    stderr = '';
  });

  it.each([
    [new UsageError('ask takes 1 argument'), EXIT.USAGE],
    [new ConfigError('ORACLE_AI_API', 'must use https'), EXIT.USAGE],
    [new SessionError('ERR_SESSION_MISSING', 'not signed in'), EXIT.FAILURE],
    [new OAuthError('ERR_PORTS_BUSY', 'no free port'), EXIT.FAILURE],
    [new ApiError('ERR_API_REFUSED', 'the API answered 429 rate_limited', 429), EXIT.FAILURE],
  ])('prints "oracle-ai: <message>" for %p and exits %i', (error, status) => {
    expect(reportFailure(error, context)).toBe(status);
    expect(stderr).toBe(`oracle-ai: ${error.message}\n`);
  });

  it.each([
    new OAuthError('ERR_CANCELLED', 'sign-in cancelled'),
    new ApiError('ERR_CANCELLED', 'cancelled'),
  ])('exits 130 after Ctrl-C (%p)', (error) => {
    expect(reportFailure(error, context)).toBe(EXIT.INTERRUPTED);
    expect(stderr).toBe('oracle-ai: cancelled\n');
  });

  it('prints the stack of an error nobody expected, to be reported', () => {
    const error = new TypeError('x is undefined');
    expect(reportFailure(error, context)).toBe(EXIT.FAILURE);
    expect(stderr).toMatch(
      /^oracle-ai: unexpected error, please report it: TypeError: x is undefined\n\s+at /,
    );
  });
});
