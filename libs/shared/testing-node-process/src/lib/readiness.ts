import { connect } from 'node:net';
import { ProcessStartError } from './process-start-error';
import type { RunningProcess } from './running-process';

/**
 * When a started process counts as ready: an HTTP GET of `url` answers 2xx, a TCP connection to
 * `tcpPort` is accepted (the moment it listens, before any route answers), or it has printed
 * `outputIncludes`.
 */
export type Readiness =
  | { url: string }
  | { tcpPort: number; host?: string }
  | { outputIncludes: string };

export interface ReadinessWait {
  name: string;
  timeoutMs: number;
  intervalMs: number;
}

/** Probes until `readiness` holds; throws when the process exits first or time runs out. */
export async function waitUntilReady(
  child: RunningProcess,
  readiness: Readiness,
  { name, timeoutMs, intervalMs }: ReadinessWait,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (!child.isRunning()) {
      const code = await child.exited;
      const how = code === null ? 'was ended by a signal' : `exited with code ${code}`;
      throw new ProcessStartError(
        'ERR_PROCESS_EXITED_EARLY',
        `${name} ${how} before it was ready`,
        child.output(),
      );
    }
    if (await holds(readiness, child, Math.max(deadline - Date.now(), 1))) return;
    if (Date.now() >= deadline) {
      throw new ProcessStartError(
        'ERR_PROCESS_NOT_READY',
        `${name} was not ready within ${timeoutMs / 1000} s`,
        child.output(),
      );
    }
    await Promise.race([sleep(intervalMs), child.exited]);
  }
}

function holds(readiness: Readiness, child: RunningProcess, timeoutMs: number): Promise<boolean> {
  if ('url' in readiness) return answersOk(readiness.url, timeoutMs);
  if ('tcpPort' in readiness)
    return acceptsConnection(readiness.host ?? '127.0.0.1', readiness.tcpPort, timeoutMs);
  return Promise.resolve(child.output().includes(readiness.outputIncludes));
}

async function answersOk(url: string, timeoutMs: number): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    await response.body?.cancel();
    return response.ok;
  } catch {
    return false; // not listening yet
  }
}

function acceptsConnection(host: string, port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: timeoutMs });
    const settle = (accepted: boolean) => {
      socket.destroy();
      resolve(accepted);
    };
    socket.once('connect', () => settle(true));
    socket.once('error', () => settle(false));
    socket.once('timeout', () => settle(false));
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
