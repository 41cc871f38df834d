import { lookup } from 'node:dns/promises';
import { ConfigError, quoted } from './env-values';

/**
 * Resolves the host a listen variable names, as the server's `listen` will: a well-formed name
 * that resolves to nothing is refused like any bad value, in one line naming the variable, before
 * anything listens — rather than as a bare `getaddrinfo ENOTFOUND` from deep in a start-up.
 */
export async function checkListenHostResolves(name: string, host: string): Promise<void> {
  try {
    await lookup(host);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new ConfigError(name, `names no address to listen on (got ${quoted(host)}: ${reason})`);
  }
}
