import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import {
  checkPolicy,
  CONCURRENCY_RETRY_AFTER_S,
  LimitsUnavailable,
  RATE_WINDOW_MS,
  type Admission,
  type AnswerLimits,
  type LimitsPolicy,
} from './answer-limits';

export interface RedisAnswerLimitsOptions extends LimitsPolicy {
  /** `redis://[:password@]host:port[/db]` or `rediss://…` for TLS. */
  url: string;
  /**
   * How long an in-progress slot holds without renewal. An instance renews its slots every third
   * of it; one that dies leaves its users' slots taken at most this long.
   */
  leaseMs?: number;
  /** A command that takes longer fails: the request is refused rather than held. */
  commandTimeoutMs?: number;
  keyPrefix?: string;
}

/**
 * Admits an answer atomically, on Redis's own clock: drops expired slots and starts older than
 * the window, refuses when the slots or the window are full, else records the start and a slot.
 * Returns { admitted (1/0), concurrency full (1/0), ms until the oldest start leaves the window }.
 * Both keys share a hash tag, so the script also runs on Redis Cluster.
 */
const ADMIT = `
local rate, slots = KEYS[1], KEYS[2]
local limit, window, maxConcurrent, lease, id =
  tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4]), ARGV[5]
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', slots, '-inf', now)
redis.call('ZREMRANGEBYSCORE', rate, '-inf', now - window)
local inProgress = redis.call('ZCARD', slots)
local started = redis.call('ZCARD', rate)
if inProgress >= maxConcurrent or started >= limit then
  local wait = 0
  if started >= limit then
    local oldest = redis.call('ZRANGE', rate, 0, 0, 'WITHSCORES')
    wait = tonumber(oldest[2]) + window - now
  end
  return { 0, inProgress >= maxConcurrent and 1 or 0, wait }
end
redis.call('ZADD', rate, now, id)
redis.call('PEXPIRE', rate, window)
redis.call('ZADD', slots, now + lease, id)
redis.call('PEXPIRE', slots, lease)
return { 1, 0, 0 }
`;

/** Extends a slot that is still held (never recreates a released one). */
const RENEW = `
local time = redis.call('TIME')
local expires = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000) + tonumber(ARGV[2])
if redis.call('ZADD', KEYS[1], 'XX', 'CH', expires, ARGV[1]) == 1 then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 1
`;

interface LimitsCommands {
  admitAnswer(
    rateKey: string,
    slotsKey: string,
    limit: number,
    windowMs: number,
    maxConcurrent: number,
    leaseMs: number,
    id: string,
  ): Promise<[number, number, number]>;
  renewSlot(slotsKey: string, id: string, leaseMs: number): Promise<number>;
}

/**
 * The limits shared by every API instance, in Redis: per user a sorted set of the window's starts
 * and one of the slots in progress, scored by when their lease ends. One script admits or refuses
 * (no race between instances); a slot is removed when its answer ends and otherwise expires with
 * its lease, renewed while its answer runs, so an instance that crashes frees its users within a
 * lease. While Redis cannot be reached or is slow, `admit` rejects ({@link LimitsUnavailable}):
 * the API refuses rather than answer without limits.
 */
export class RedisAnswerLimits implements AnswerLimits {
  private readonly redis: Redis & LimitsCommands;
  private readonly keyPrefix: string;
  private readonly leaseMs: number;
  /** Slots held by this instance's answers in progress: renewed together. */
  private readonly held = new Map<string, string>();
  private readonly renewal: NodeJS.Timeout;

  constructor(private readonly options: RedisAnswerLimitsOptions) {
    checkPolicy({ ratePerMinute: options.ratePerMinute, maxConcurrent: options.maxConcurrent });
    this.keyPrefix = options.keyPrefix ?? 'oracle-ai:chat:';
    this.leaseMs = options.leaseMs ?? 60_000;
    this.redis = new Redis(options.url, {
      commandTimeout: options.commandTimeoutMs ?? 250,
      connectTimeout: 1_000,
      // No queue while disconnected and no retries per command: a request is never held waiting.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
    }) as Redis & LimitsCommands;
    // Connection errors surface as refused commands; the client keeps reconnecting meanwhile.
    this.redis.on('error', () => undefined);
    this.redis.defineCommand('admitAnswer', { numberOfKeys: 2, lua: ADMIT });
    this.redis.defineCommand('renewSlot', { numberOfKeys: 1, lua: RENEW });
    this.renewal = setInterval(() => this.renewHeldSlots(), Math.floor(this.leaseMs / 3));
    this.renewal.unref();
  }

  async admit(user: string): Promise<Admission> {
    const rateKey = `${this.keyPrefix}{${user}}:rate`;
    const slotsKey = `${this.keyPrefix}{${user}}:slots`;
    const id = randomUUID();
    let result: [number, number, number];
    try {
      result = await this.redis.admitAnswer(
        rateKey,
        slotsKey,
        this.options.ratePerMinute,
        RATE_WINDOW_MS,
        this.options.maxConcurrent,
        this.leaseMs,
        id,
      );
    } catch (cause) {
      throw new LimitsUnavailable('the answer limits store does not answer', { cause });
    }
    const [admitted, concurrencyFull, rateWaitMs] = result;
    if (admitted !== 1) {
      return {
        admitted: false,
        limit: concurrencyFull === 1 ? 'concurrency' : 'rate',
        retryAfterS: Math.max(
          Math.ceil(rateWaitMs / 1000),
          concurrencyFull === 1 ? CONCURRENCY_RETRY_AFTER_S : 1,
        ),
      };
    }
    this.held.set(id, slotsKey);
    return {
      admitted: true,
      release: () => {
        if (!this.held.delete(id)) return;
        // If this fails the lease frees the slot: nothing waits on it.
        this.redis.zrem(slotsKey, id).catch(() => undefined);
      },
    };
  }

  async close(): Promise<void> {
    clearInterval(this.renewal);
    this.redis.disconnect();
  }

  private renewHeldSlots(): void {
    for (const [id, slotsKey] of this.held) {
      // A failed renewal is retried at the next tick; the lease covers two missed ones.
      this.redis.renewSlot(slotsKey, id, this.leaseMs).catch(() => undefined);
    }
  }
}
