import { findFreePort } from './free-port';
import { ProcessStartError } from './process-start-error';

const PORT_ATTEMPTS = 3;

/**
 * Runs `start` on `port`, or on a free loopback port when none is given. A free port found by
 * binding :0 can be taken by another process before the server binds it, so a start that failed
 * because its port was in use is tried again on another (three attempts in all). A given port is
 * tried once: the caller asked for that one.
 */
export async function startOnFreePort<T>(
  port: number | undefined,
  start: (port: number) => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await start(port ?? (await findFreePort()));
    } catch (error) {
      if (port !== undefined || attempt >= PORT_ATTEMPTS || !isPortTaken(error)) throw error;
    }
  }
}

/** A start that failed because its port was in use: every server here says "already in use". */
function isPortTaken(error: unknown): boolean {
  return error instanceof ProcessStartError && error.output.includes('already in use');
}
