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
  /**
   * Keep a result only when its key is stored a second time ({@link SecondSighting}): a token
   * used once never enters the cache. Off by default.
   */
  admitOnSecondSighting?: boolean;
  /** Leeway past `exp`, the same the verifier applies. */
  clockToleranceS: number;
  now?: () => number;
}

/**
 * A bounded LRU of successful verifications, so a token reused by the SPA is verified once (or
 * twice, with {@link SecondSighting} admission). It cannot change an outcome: keyed by a SHA-256
 * of the whole token (signature included), an entry never outlives the token's `exp` (checked on
 * every hit), entries die with their signing key, and only successes are stored — callers still
 * evaluate group policy per request.
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
  private readonly sightings: SecondSighting | undefined;

  constructor(private readonly options: VerifiedTokenCacheOptions) {
    this.now = options.now ?? Date.now;
    this.sightings = options.admitOnSecondSighting === true ? new SecondSighting() : undefined;
  }

  get size(): number {
    return this.entries.size;
  }

  /** SHA-256 of the whole token, as a 32-character binary string (one byte per character). */
  static keyOf(token: string): string {
    return hash('sha256', token, 'binary');
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

  /** Stores a verification under `key` (a {@link keyOf}); false when not admitted (yet). */
  set(key: string, entry: CachedVerification<T>): boolean {
    if (this.options.maxEntries <= 0) return false;
    if (this.sightings !== undefined && !this.sightings.seenBefore(key)) return false;
    this.entries.delete(key);
    if (this.entries.size >= this.options.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, entry);
    return true;
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

/**
 * Remembers which cache keys were offered once, so the cache admits a token on its second
 * verification: the SPA's token is verified twice, then cached for its lifetime, while tokens
 * used once (a script fetching a token per call, a flood of distinct tokens) never enter. They
 * would evict the reused tokens of an LRU this size, and every entry kept for a moment only is
 * copied and promoted by V8's young-generation GC at several hundred bytes per token.
 *
 * A direct-mapped table of 4,096 32-bit fingerprints (16 KiB, allocated once, no per-token
 * allocation): a key's first two bytes pick the slot, the next four are its fingerprint. A slot
 * overwritten by another key only delays an admission; two keys sharing slot and fingerprint
 * only admit one early. Either way the cache holds nothing but successful verifications under
 * their full SHA-256, so no outcome can change. Only successful verifications are offered: only
 * the holder of a valid token can touch the table at all.
 */
export class SecondSighting {
  private readonly fingerprints = new Uint32Array(SLOTS);

  /** Whether `key` was offered before (the record is then spent); otherwise records it. */
  seenBefore(key: string): boolean {
    const slot = (key.charCodeAt(0) | (key.charCodeAt(1) << 8)) & (SLOTS - 1);
    // `|| 1`: 0 marks an empty slot.
    const fingerprint =
      (key.charCodeAt(2) |
        (key.charCodeAt(3) << 8) |
        (key.charCodeAt(4) << 16) |
        (key.charCodeAt(5) << 24)) >>>
        0 || 1;
    if (this.fingerprints[slot] === fingerprint) {
      this.fingerprints[slot] = 0;
      return true;
    }
    this.fingerprints[slot] = fingerprint;
    return false;
  }
}

const SLOTS = 4096;
