import { ConfigError } from '@oracle-ai/shared/util-env';

/**
 * The one line a dev server prints before it exits 1: a configuration refusal as it is worded, a
 * port in use with what to do about it, anything else as the error's message.
 */
export function describeStartFailure(error: unknown): string {
  if (error instanceof ConfigError) return error.message;
  if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    const { port } = error as { port?: number };
    return `port ${port} is already in use — stop the other process or set PORT`;
  }
  return `failed to start: ${error instanceof Error ? error.message : String(error)}`;
}
