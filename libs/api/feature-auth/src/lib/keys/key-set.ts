import type { SigningKey } from './signing-keys';

/**
 * The signing keys held at one time, immutable. A key keeps its {@link SigningKey} object across
 * sets for as long as the IdP publishes it unchanged; a key that leaves the set, or comes back
 * with other material, `kid` or algorithms, is a new object — so {@link has} tells whether a
 * verification made with a key may still be trusted.
 */
export class KeySet {
  private readonly keys: ReadonlySet<SigningKey>;
  /**
   * O(1) lookup on the request path, whatever the size of the set. A `kid` may name several keys
   * of different types (RFC 7517 §4.5 asks only that they be distinguishable): all are kept.
   */
  private readonly byKid = new Map<string, SigningKey[]>();

  constructor(keys: Iterable<SigningKey> = []) {
    this.keys = new Set(keys);
    for (const key of this.keys) {
      if (key.kid === undefined) continue;
      const named = this.byKid.get(key.kid);
      if (named === undefined) this.byKid.set(key.kid, [key]);
      else named.push(key);
    }
  }

  get size(): number {
    return this.keys.size;
  }

  /** The set that follows a fetch: a key published unchanged keeps its object (and what it verified). */
  next(fetched: readonly SigningKey[]): KeySet {
    const held = new Map([...this.keys].map((key) => [key.fingerprint, key]));
    return new KeySet(fetched.map((key) => held.get(key.fingerprint) ?? key));
  }

  has(key: SigningKey): boolean {
    return this.keys.has(key);
  }

  /**
   * The one key that fits `alg` among those named `kid` (or among all keys, for a token without a
   * `kid`). Several fitting keys are ambiguous, and ambiguity is a refusal, never a guess.
   */
  find(alg: string, kid: string | undefined): SigningKey | undefined {
    const named = kid === undefined ? this.keys : this.byKid.get(kid);
    if (named === undefined) return undefined;
    let found: SigningKey | undefined;
    for (const key of named) {
      if (!key.algorithms.has(alg)) continue;
      if (found !== undefined) return undefined;
      found = key;
    }
    return found;
  }
}
