import { hash } from 'node:crypto';

export interface CachedVerification<T> {
  value: T;
  /** `exp` of the token, seconds since the epoch. */
  exp: number;
  /** Key that verified it; entries go when their key leaves the set. */
  kid: string | undefined;
}

interface Vouched<T> {
  token: string;
  entry: CachedVerification<T>;
  generation: number;
}

/** Whoever presents tokens, e.g. a connection: remembered for its last verified token. */
export type TokenPresenter = object;

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
 *
 * In front of it, each presenter (a connection) remembers the last token it was vouched for, so
 * the SPA's next request on the same connection is matched without hashing: by comparing the
 * whole token, which is stricter than comparing hashes. Those memories hold the same entries
 * (expiry applies alike; any change of the key set voids them all), live only as long as their
 * presenter, and are forgotten at the first other token presented — so a remembered token is
 * compared at most once with anything else. See docs/adr/0006.
 */
export class VerifiedTokenCache<T> {
  private readonly entries = new Map<string, CachedVerification<T>>();
  private readonly lastVouched = new WeakMap<TokenPresenter, Vouched<T>>();
  /** Bumped whenever keys leave the set: every presenter's memory from before is void. */
  private keySetGeneration = 0;
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

  /**
   * The entry for this key, if still valid. With `presenter`, a hit is also remembered as the
   * presenter's last vouched-for `token` (see {@link getForPresenter}).
   */
  get(key: string, presenter?: { presenter: TokenPresenter; token: string }): T | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    if (this.isExpired(entry)) {
      this.entries.delete(key);
      return undefined;
    }
    // Refresh recency: Map iteration order is insertion order.
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (presenter !== undefined)
      this.lastVouched.set(presenter.presenter, {
        token: presenter.token,
        entry,
        generation: this.keySetGeneration,
      });
    return entry.value;
  }

  /**
   * The presenter's last vouched-for result, if it presents exactly the same token again and the
   * entry is still valid. Anything else makes the presenter forget it.
   */
  getForPresenter(presenter: TokenPresenter, token: string): T | undefined {
    const last = this.lastVouched.get(presenter);
    if (last === undefined) return undefined;
    if (
      last.token !== token ||
      last.generation !== this.keySetGeneration ||
      this.isExpired(last.entry)
    ) {
      this.lastVouched.delete(presenter);
      return undefined;
    }
    return last.entry.value;
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
    this.keySetGeneration++;
    for (const [key, entry] of this.entries) {
      if (kids.has(entry.kid)) this.entries.delete(key);
    }
  }

  private isExpired(entry: CachedVerification<T>): boolean {
    return this.now() / 1000 > entry.exp + this.options.clockToleranceS;
  }
}
