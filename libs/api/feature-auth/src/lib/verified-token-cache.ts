import { hash } from 'node:crypto';

export interface CachedVerification<T> {
  value: T;
  /** `exp` of the token, seconds since the epoch. */
  exp: number;
  /** Key that verified it; entries go when their key leaves the set. */
  kid: string | undefined;
}

export interface VerifiedTokenCacheOptions {
  maxEntries: number;
  /** Leeway past `exp`, the same the verifier applies. */
  clockToleranceS: number;
  now?: () => number;
}

/**
 * A bounded LRU of successful verifications, so a token reused by the SPA is verified once.
 * It cannot change an outcome: keyed by a SHA-256 of the whole token (signature included), an
 * entry never outlives the token's `exp` (checked on every hit), entries die with their signing
 * key, and only successes are stored — callers still evaluate group policy per request.
 */
export class VerifiedTokenCache<T> {
  private readonly entries = new Map<string, CachedVerification<T>>();
  private readonly now: () => number;

  constructor(private readonly options: VerifiedTokenCacheOptions) {
    this.now = options.now ?? Date.now;
  }

  get size(): number {
    return this.entries.size;
  }

  static keyOf(token: string): string {
    return hash('sha256', token, 'base64url');
  }

  get(key: string): T | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    if (this.now() / 1000 > entry.exp + this.options.clockToleranceS) {
      this.entries.delete(key);
      return undefined;
    }
    // Refresh recency: Map iteration order is insertion order.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  set(key: string, entry: CachedVerification<T>): void {
    if (this.options.maxEntries <= 0) return;
    this.entries.delete(key);
    if (this.entries.size >= this.options.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, entry);
  }

  /** Drops every entry verified by one of these keys (key rotation, compromise, staleness). */
  invalidateKids(kids: ReadonlySet<string | undefined>): void {
    for (const [key, entry] of this.entries) {
      if (kids.has(entry.kid)) this.entries.delete(key);
    }
  }
}
