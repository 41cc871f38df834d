import { ConfigError } from '@oracle-ai/shared/util-env';

/** The one line a dev-metrics command prints before it exits 1. */
export function describeStartFailure(error: unknown): string {
  if (error instanceof ConfigError) return error.message;
  if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    const { port } = error as { port?: number };
    return `port ${port} is already in use — stop the other process or set PORT`;
  }
  return `failed to start: ${error instanceof Error ? error.message : String(error)}`;
}
