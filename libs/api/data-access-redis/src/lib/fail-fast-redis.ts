import Redis from 'ioredis';

export interface FailFastRedisOptions {
  /** A command that takes longer fails; default 250 ms. */
  commandTimeoutMs?: number;
}

/**
 * A Redis client for state that every API instance shares, where a request must be refused
 * rather than held: no queue while disconnected and no retry of a command, so a command fails
 * at once while Redis is unreachable and after `commandTimeoutMs` while it is slow. It
 * reconnects in the background meanwhile (every 0.2 s, backing off to 2 s); connection errors
 * surface only as refused commands, never as an unhandled `error` event.
 *
 * `url`: `redis://[:password@]host:port[/db]`, or `rediss://…` for TLS.
 */
export function connectFailFastRedis(url: string, options: FailFastRedisOptions = {}): Redis {
  const redis = new Redis(url, {
    commandTimeout: options.commandTimeoutMs ?? 250,
    connectTimeout: 1_000,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
  });
  redis.on('error', () => undefined);
  return redis;
}
