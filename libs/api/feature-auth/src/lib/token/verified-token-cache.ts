import { hash } from 'node:crypto';
import type { SigningKey } from '../keys/signing-keys';

/** A successful verification, with what bounds its reuse. */
export interface CachedVerification<T> {
  value: T;
  /** The key whose signature check passed: the entry is served only while that key is current. */
  signedBy: SigningKey;
  /** `exp` of the token, seconds since the epoch. */
  exp: number;
}

export interface VerifiedTokenCacheOptions {
  maxEntries: number;
  /** Leeway past `exp`, the same the verifier applies. */
  clockToleranceS: number;
  /** Whether a key is still in the IdP's set (the key store's answer). */
  isCurrent: (key: SigningKey) => boolean;
  now?: () => number;
}

/**
 * A bounded LRU of successful verifications, so a token reused by the SPA is verified twice and
 * then looked up. It cannot change an outcome: keyed by a SHA-256 of the whole token (signature
 * included), it holds successes only, and an entry is served only while the token's `exp` (+
 * leeway) has not passed **and the very key that verified it is still in the key set** (by
 * identity: a key that left the set, or came back changed, voids every entry it verified, whatever
 * `kid` the token named). Callers still evaluate group policy and DPoP binding per request.
 *
 * Two bounds on what enters (docs/adr/0003): a token is admitted the second time it verifies
 * ({@link SecondSighting}), so tokens used once never enter; and each presenter (a connection)
 * remembers the last token it was vouched for, so the next request on it is matched by comparing
 * the whole token, without hashing — forgotten at the first other token (docs/adr/0006).
 */
export class VerifiedTokenCache<T> {
  private readonly entries = new Map<TokenKey, CachedVerification<T>>();
  private readonly lastVouched = new WeakMap<
    object,
    { token: string; entry: CachedVerification<T> }
  >();
  private readonly sightings = new SecondSighting();
  private readonly now: () => number;

  constructor(private readonly options: VerifiedTokenCacheOptions) {
    this.now = options.now ?? Date.now;
  }

  get size(): number {
    return this.entries.size;
  }

  /**
   * The verification `presenter` was last vouched for, if it presents exactly that token again
   * (compared whole, without hashing) and the entry is still valid; any other token makes it forget.
   */
  rememberedBy(presenter: object | undefined, token: string): T | undefined {
    if (presenter === undefined) return undefined;
    const last = this.lastVouched.get(presenter);
    if (last === undefined) return undefined;
    if (last.token === token && this.isValid(last.entry)) return last.entry.value;
    this.lastVouched.delete(presenter);
    return undefined;
  }

  /** The verification stored under `key` (its token's {@link tokenKey}), if still valid; remembered for `presenter`. */
  get(key: TokenKey, presenter?: object, token?: string): T | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    this.entries.delete(key);
    if (!this.isValid(entry)) return undefined;
    // Refresh recency: Map iteration order is insertion order.
    this.entries.set(key, entry);
    if (presenter !== undefined && token !== undefined) {
      this.lastVouched.set(presenter, { token, entry });
    }
    return entry.value;
  }

  /** Remembers a successful verification under `key`, from the second time it is offered. */
  set(key: TokenKey, entry: CachedVerification<T>): void {
    if (this.options.maxEntries <= 0 || !this.sightings.seenBefore(key)) return;
    this.entries.delete(key);
    if (this.entries.size >= this.options.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, entry);
  }

  private isValid(entry: CachedVerification<T>): boolean {
    return (
      this.now() / 1000 <= entry.exp + this.options.clockToleranceS &&
      this.options.isCurrent(entry.signedBy)
    );
  }
}

/** A token's cache key: SHA-256 of the whole token, signature included. */
export type TokenKey = string & { readonly tokenKey: unique symbol };

/** SHA-256 of the whole token, as a 32-character binary string (one byte per character). */
export function tokenKey(token: string): TokenKey {
  return hash('sha256', token, 'binary') as TokenKey;
}

/**
 * Remembers which cache keys were offered once, so the cache admits a token on its second
 * verification: the SPA's token is verified twice, then cached for its lifetime, while tokens
 * used once (a script fetching a token per call, a flood of distinct tokens) never enter. They
 * would evict the reused tokens of an LRU this size, and every entry kept for a moment only is
 * copied and promoted by V8's young-generation GC.
 *
 * A direct-mapped table of 4,096 32-bit fingerprints (16 KiB, allocated once): a key's first two
 * bytes pick the slot, the next four are its fingerprint. A slot overwritten by another key only
 * delays an admission; two keys sharing slot and fingerprint only admit one early. Either way the
 * cache holds nothing but successful verifications under their full SHA-256, so no outcome can
 * change. Only successful verifications are offered.
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
