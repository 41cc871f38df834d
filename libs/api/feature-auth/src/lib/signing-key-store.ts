import { createPublicKey, type KeyObject } from 'node:crypto';
import { AuthErrors, idpUnavailable } from './errors';
import { JwksFetchError, type JwksSource } from './jwks-source';
import { jwsAlgorithm } from './jws-algorithms';

export interface KeyStoreLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface SigningKeyStoreOptions {
  source: JwksSource;
  /** Algorithms tokens may use; keys are imported for these only. */
  algorithms: readonly string[];
  logger: KeyStoreLogger;
  /** Minimum gap between refetches caused by an unknown `kid` (a flood of random kids must not hammer the IdP). */
  unknownKidCooldownMs?: number;
  /** After this age the set is refreshed in the background on next use. */
  maxAgeMs?: number;
  /** How long last-good keys keep serving while the IdP is unreachable. */
  maxStaleMs?: number;
  /** With no keys at all, how long to wait after a failed fetch before trying again (and the Retry-After). */
  failureBackoffMs?: number;
  now?: () => number;
}

export interface SigningKeyHeader {
  alg?: unknown;
  kid?: unknown;
}

/** One published key, imported once, with the algorithms it may verify. */
export interface SigningKey {
  kid: string | undefined;
  /** Canonical public JWK, used to tell a changed key from the same one. */
  fingerprint: string;
  key: KeyObject;
  algorithms: ReadonlySet<string>;
}

type KeysChangedListener = (removedKids: ReadonlySet<string | undefined>) => void;

/**
 * The API's view of the IdP's signing keys: loaded from a {@link JwksSource}, imported once, shared
 * by all requests. Concurrent cold requests share one fetch; an unknown `kid` triggers at most one
 * refetch per cooldown; when the IdP is unreachable the last good keys keep serving (bounded by
 * `maxStaleMs`), and with no keys at all callers get a 503 with a Retry-After.
 */
export class SigningKeyStore {
  private keys: SigningKey[] = [];
  /**
   * O(1) lookup on the request path, whatever the size of the set. A `kid` may name several keys
   * of different types (RFC 7517 §4.5 asks only that they be distinguishable): all are kept.
   */
  private byKid = new Map<string, SigningKey[]>();
  private fetchedAt = Number.NEGATIVE_INFINITY;
  private lastAttemptAt = Number.NEGATIVE_INFINITY;
  private lastFailureAt = Number.NEGATIVE_INFINITY;
  private inflight: Promise<void> | undefined;
  private readonly listeners = new Set<KeysChangedListener>();
  private readonly unknownKidCooldownMs: number;
  private readonly maxAgeMs: number;
  private readonly maxStaleMs: number;
  private readonly failureBackoffMs: number;
  private readonly now: () => number;

  constructor(private readonly options: SigningKeyStoreOptions) {
    this.unknownKidCooldownMs = options.unknownKidCooldownMs ?? 30_000;
    this.maxAgeMs = options.maxAgeMs ?? 10 * 60_000;
    this.maxStaleMs = options.maxStaleMs ?? 24 * 60 * 60_000;
    this.failureBackoffMs = options.failureBackoffMs ?? 5_000;
    this.now = options.now ?? Date.now;
  }

  /** Whether keys are loaded and usable now (readiness). */
  get ready(): boolean {
    return this.keys.length > 0 && !this.tooStale(this.now());
  }

  /** Starts loading keys without making anyone wait; failures are logged, not thrown. */
  warm(): Promise<void> {
    return this.refresh().catch(() => undefined);
  }

  /** Called with the kids that left the set (or whose key material changed) after a refresh. */
  onKeysChanged(listener: KeysChangedListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Resolves the key for a JWS header. The header is hostile input: only `alg` (already checked
   * against the allowlist by the verifier) and `kid` are read; `jku`, `x5u`, `jwk`, `x5c` never are.
   */
  async getKey(header: SigningKeyHeader): Promise<KeyObject> {
    const { alg, kid } = header;
    if (typeof alg !== 'string') throw new AuthErrors.InvalidToken('The access token is malformed');
    if (kid !== undefined && typeof kid !== 'string') {
      throw new AuthErrors.InvalidToken('The access token has an invalid "kid" header');
    }
    const now = this.now();
    if (this.keys.length > 0 && this.tooStale(now)) this.dropStaleKeys();
    if (this.keys.length === 0) {
      await this.loadCold(now);
    } else if (this.shouldRefreshInBackground(now)) {
      void this.refresh().catch(() => undefined);
    }

    let key = this.find(alg, kid);
    if (key === undefined && this.mayRefetchForUnknownKid(now)) {
      await this.refresh().catch(() => undefined);
      key = this.find(alg, kid);
    }
    if (key === undefined) {
      // The key may well exist: while the IdP cannot be reached that is a 503, not a bad token.
      if (this.lastFailureAt > this.fetchedAt)
        throw idpUnavailable(Math.ceil(this.failureBackoffMs / 1000));
      throw new AuthErrors.UnknownSigningKey();
    }
    return key;
  }

  /** Past maxAge, refresh behind the scenes — but not more often than the failure backoff while the IdP is down. */
  private shouldRefreshInBackground(now: number): boolean {
    return (
      !this.options.source.isStatic &&
      now - this.fetchedAt > this.maxAgeMs &&
      now - this.lastAttemptAt >= this.failureBackoffMs &&
      this.inflight === undefined
    );
  }

  /**
   * The one key that fits `alg` among those named `kid` (or among all keys, for a token without a
   * `kid`). Several fitting keys are ambiguous, and ambiguity is a refusal, never a guess.
   */
  private find(alg: string, kid: string | undefined): KeyObject | undefined {
    const named = kid === undefined ? this.keys : this.byKid.get(kid);
    if (named === undefined) return undefined;
    let found: SigningKey | undefined;
    for (const key of named) {
      if (!key.algorithms.has(alg)) continue;
      if (found !== undefined) return undefined;
      found = key;
    }
    return found?.key;
  }

  private mayRefetchForUnknownKid(now: number): boolean {
    return !this.options.source.isStatic && now - this.lastAttemptAt >= this.unknownKidCooldownMs;
  }

  private tooStale(now: number): boolean {
    return !this.options.source.isStatic && now - this.fetchedAt > this.maxStaleMs;
  }

  private dropStaleKeys(): void {
    this.options.logger.error(
      { ageS: Math.round((this.now() - this.fetchedAt) / 1000) },
      'signing keys are older than the stale limit and the IdP cannot be reached: dropping them',
    );
    this.replaceKeys([]);
  }

  private async loadCold(now: number): Promise<void> {
    if (this.inflight === undefined) {
      const waitMs = this.lastFailureAt + this.failureBackoffMs - now;
      if (waitMs > 0) throw idpUnavailable(Math.ceil(waitMs / 1000));
    }
    try {
      await this.refresh();
    } catch (error) {
      throw idpUnavailable(Math.ceil(this.failureBackoffMs / 1000), error);
    }
  }

  /** One fetch at a time: concurrent callers share the in-flight one. */
  private refresh(): Promise<void> {
    this.inflight ??= this.fetchAndImport().finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }

  private async fetchAndImport(): Promise<void> {
    this.lastAttemptAt = this.now();
    try {
      const jwks = await this.options.source.load();
      const keys = this.importAll(jwks.keys);
      if (keys.length === 0) throw new JwksFetchError('the JWK Set has no usable signing key');
      this.replaceKeys(keys);
      this.fetchedAt = this.now();
      this.options.logger.info({ keys: keys.length }, 'signing keys loaded');
    } catch (error) {
      this.lastFailureAt = this.now();
      const reason = error instanceof Error ? error.message : String(error);
      if (this.keys.length > 0) {
        this.options.logger.warn(
          { reason },
          'cannot refresh signing keys; serving the last good ones',
        );
      } else {
        this.options.logger.error({ reason }, 'cannot load signing keys');
      }
      throw error;
    }
  }

  private replaceKeys(next: SigningKey[]): void {
    // A kid is reported when any key it named left the set or changed its material.
    const nextFingerprints = new Set(next.map((key) => `${key.kid}\u0000${key.fingerprint}`));
    const removed = new Set(
      this.keys
        .filter((key) => !nextFingerprints.has(`${key.kid}\u0000${key.fingerprint}`))
        .map((key) => key.kid),
    );
    this.keys = next;
    this.byKid = new Map();
    for (const key of next) {
      if (key.kid === undefined) continue;
      const named = this.byKid.get(key.kid);
      if (named === undefined) this.byKid.set(key.kid, [key]);
      else named.push(key);
    }
    if (removed.size > 0) for (const listener of this.listeners) listener(removed);
  }

  private importAll(jwks: Record<string, unknown>[]): SigningKey[] {
    return jwks
      .map((jwk) => this.importOne(jwk))
      .filter((key): key is SigningKey => key !== undefined);
  }

  private importOne(jwk: Record<string, unknown>): SigningKey | undefined {
    const kid = typeof jwk['kid'] === 'string' ? jwk['kid'] : undefined;
    if ('d' in jwk || 'k' in jwk) {
      // A JWKS must publish public keys only; never use secret or private material.
      this.options.logger.error(
        { kid },
        'the JWK Set contains private or symmetric key material; key ignored',
      );
      return undefined;
    }
    if (jwk['use'] !== undefined && jwk['use'] !== 'sig') return undefined;
    if (Array.isArray(jwk['key_ops']) && !jwk['key_ops'].includes('verify')) return undefined;
    const publicJwk = publicPart(jwk);
    const algorithms = new Set(this.options.algorithms.filter((alg) => fitsAlgorithm(jwk, alg)));
    if (algorithms.size === 0) return undefined;
    let key: KeyObject;
    try {
      key = createPublicKey({ key: publicJwk as never, format: 'jwk' });
    } catch (error) {
      this.options.logger.warn(
        { kid, reason: (error as Error).message },
        'signing key cannot be imported',
      );
      return undefined;
    }
    // RFC 7518 §3.3: RSA keys of 2048 bits or larger.
    if (key.asymmetricKeyType === 'rsa' && (key.asymmetricKeyDetails?.modulusLength ?? 0) < 2048) {
      this.options.logger.warn({ kid }, 'RSA signing key shorter than 2048 bits; key ignored');
      return undefined;
    }
    return { kid, fingerprint: JSON.stringify(publicJwk), key, algorithms };
  }
}

const PUBLIC_MEMBERS: Record<string, readonly string[]> = {
  RSA: ['kty', 'n', 'e'],
  EC: ['kty', 'crv', 'x', 'y'],
  OKP: ['kty', 'crv', 'x'],
};

/** Only the members that define a public key: nothing else from the IdP's JSON reaches the crypto layer. */
function publicPart(jwk: Record<string, unknown>): Record<string, unknown> {
  const members = PUBLIC_MEMBERS[String(jwk['kty'])] ?? [];
  return Object.fromEntries(
    members.filter((name) => typeof jwk[name] === 'string').map((name) => [name, jwk[name]]),
  );
}

/** A key is used for an algorithm only when its type (and `alg`, when published) fit (RFC 8725 §3.1). */
function fitsAlgorithm(jwk: Record<string, unknown>, alg: string): boolean {
  if (jwk['alg'] !== undefined && jwk['alg'] !== alg) return false;
  const spec = jwsAlgorithm(alg);
  return (
    spec !== undefined &&
    jwk['kty'] === spec.keyType &&
    (spec.curve === undefined || jwk['crv'] === spec.curve)
  );
}
