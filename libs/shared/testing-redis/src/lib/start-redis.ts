import {
  ProcessStartError,
  startOnFreePort,
  startProcess,
} from '@oracle-ai/shared/testing-node-process';

export interface RunningRedis {
  /** `redis://127.0.0.1:<port>` */
  url: string;
  port: number;
  /** SIGTERM, then SIGKILL after 5 s. */
  stop(): Promise<void>;
}

/** What Redis prints once it accepts connections: only this Redis, not whatever else holds the port. */
const READY_LINE = 'Ready to accept connections';

/**
 * Runs Debian's `redis-server` in the foreground on a free loopback port, nothing saved to disk,
 * and resolves once it accepts connections. Fails at once, naming the package, when Redis is not
 * installed.
 */
export function startRedis(): Promise<RunningRedis> {
  return startOnFreePort(undefined, async (port) => {
    const child = await startProcess(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { name: 'redis-server', readyWhen: { outputIncludes: READY_LINE } },
    ).catch((error: unknown) => {
      if (error instanceof ProcessStartError && error.code === 'ERR_PROCESS_SPAWN_FAILED') {
        throw new Error(
          'Redis is needed for this test: install it with `sudo apt-get install -y redis-server`',
          { cause: error },
        );
      }
      throw error;
    });
    return {
      url: `redis://127.0.0.1:${port}`,
      port,
      stop: async () => {
        await child.stop();
      },
    };
  });
}
