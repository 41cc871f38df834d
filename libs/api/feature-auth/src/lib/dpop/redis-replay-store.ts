import { connectFailFastRedis } from '@oracle-ai/api/data-access-redis';
import type Redis from 'ioredis';
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
    // A proof is never held waiting: refused at once while Redis is unreachable, or when slow.
    this.redis = connectFailFastRedis(options.url, { commandTimeoutMs: options.commandTimeoutMs });
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
