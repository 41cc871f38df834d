import Redis from 'ioredis';
import { AuthErrors } from '../errors';
import type { ReplayStore } from './replay-store';

export interface RedisReplayStoreOptions {
  /** `redis://[:password@]host:port[/db]` or `rediss://…` for TLS. */
  url: string;
  /** A command that takes longer fails: the request is refused rather than held. */
  commandTimeoutMs?: number;
  keyPrefix?: string;
}

/**
 * The replay store shared by every API instance: one atomic `SET key 1 NX EX ttl` per proof, so
 * a captured proof replayed against any instance is refused. While Redis cannot be reached or is
 * slow, proofs are refused with 503 (fail closed); the client connects again in the background.
 */
export class RedisReplayStore implements ReplayStore {
  private readonly redis: Redis;
  private readonly keyPrefix: string;

  constructor(options: RedisReplayStoreOptions) {
    this.keyPrefix = options.keyPrefix ?? 'oracle-ai:dpop:';
    this.redis = new Redis(options.url, {
      commandTimeout: options.commandTimeoutMs ?? 250,
      connectTimeout: 1_000,
      // No queue while disconnected and no retries per command: a proof is never held waiting.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
    });
    // Connection errors surface as refused commands; the client keeps reconnecting meanwhile.
    this.redis.on('error', () => undefined);
  }

  async firstUse(id: string, ttlS: number): Promise<boolean> {
    try {
      return (await this.redis.set(this.keyPrefix + id, '1', 'EX', ttlS, 'NX')) === 'OK';
    } catch (cause) {
      throw Object.assign(new AuthErrors.ReplayStoreUnavailable({ cause }), { retryAfterS: 1 });
    }
  }

  async close(): Promise<void> {
    this.redis.disconnect();
  }
}
