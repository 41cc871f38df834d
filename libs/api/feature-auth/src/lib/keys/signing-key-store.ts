import type { AuthTelemetry } from '../auth-telemetry';
import { AuthErrors, idpUnavailable } from '../errors';
import { JwksFetchError, type JwksSource } from './jwks-source';
import { KeySet } from './key-set';
import { importSigningKeys, type KeyImportLogger, type SigningKey } from './signing-keys';

export interface KeyStoreLogger extends KeyImportLogger {
  info(obj: object, msg: string): void;
}

/** When keys are fetched; the defaults are the API's. */
export interface KeyStoreTimings {
  /** Minimum gap between refetches caused by an unknown `kid` (a flood of random kids must not hammer the IdP). */
  unknownKidCooldownMs: number;
  /** After this age the set is refreshed in the background on next use. */
  maxAgeMs: number;
  /** How long last-good keys keep serving while the IdP is unreachable. */
  maxStaleMs: number;
  /** Wait after the first failed fetch; it doubles with each further failure, up to `retryMaxMs`. */
  retryInitialMs: number;
  retryMaxMs: number;
}

const DEFAULT_TIMINGS: KeyStoreTimings = {
  unknownKidCooldownMs: 30_000,
  maxAgeMs: 10 * 60_000,
  maxStaleMs: 24 * 60 * 60_000,
  retryInitialMs: 1_000,
  retryMaxMs: 30_000,
};

export interface SigningKeyStoreOptions {
  source: JwksSource;
  timings?: Partial<KeyStoreTimings>;
  /** Algorithms tokens may use; keys are imported for these only. */
  algorithms: readonly string[];
  logger: KeyStoreLogger;
  now?: () => number;
  /** Jitter source in [0, 1). */
  random?: () => number;
  /** Runs `task` after `ms` without keeping the process alive; returns a cancel function. */
  schedule?: (task: () => Promise<void>, ms: number) => () => void;
  telemetry?: Pick<AuthTelemetry, 'staleKeysUsed' | 'unknownKidRefetchSuppressed'>;
}

/**
 * The API's view of the IdP's signing keys: loaded from a {@link JwksSource}, imported once, shared
 * by all requests. Concurrent cold requests share one fetch; an unknown `kid` triggers at most one
 * refetch per cooldown; when the IdP is unreachable the last good keys keep serving (bounded by
 * `maxStaleMs`), and with no keys at all callers get a 503 with a Retry-After.
 *
 * Loading does not wait for traffic: after every fetch the next one is scheduled — at `maxAgeMs`
 * after a success, and after a failure with a jittered backoff (`retryInitialMs` doubling to
 * `retryMaxMs`). An instance started before its IdP therefore becomes ready by itself, although a
 * readiness probe keeps every request away from it until then. {@link isCurrent} tells whether a verification made with a key may still be trusted ({@link KeySet}).
 */
export class SigningKeyStore {
  private keys = new KeySet();
  private fetchedAt = Number.NEGATIVE_INFINITY;
  private lastAttemptAt = Number.NEGATIVE_INFINITY;
  private lastFailureAt = Number.NEGATIVE_INFINITY;
  /** Failed fetches since the last success: sets the backoff. */
  private failures = 0;
  /** No fetch for cold or background needs before this (the backoff after a failure). */
  private nextAttemptAt = Number.NEGATIVE_INFINITY;
  private cancelScheduled: (() => void) | undefined;
  private stopped = false;
  private inflight: Promise<void> | undefined;
  private readonly timings: KeyStoreTimings;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly schedule: (task: () => Promise<void>, ms: number) => () => void;

  constructor(private readonly options: SigningKeyStoreOptions) {
    this.timings = { ...DEFAULT_TIMINGS, ...options.timings };
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
    this.schedule = options.schedule ?? unrefTimeout;
  }

  /** Whether keys are loaded and usable now (readiness). */
  get ready(): boolean {
    return this.keys.size > 0 && !this.tooStale(this.now());
  }

  /** Keys held now. */
  get keyCount(): number {
    return this.keys.size;
  }

  /** When keys were last fetched successfully (epoch ms, by `now`); undefined if never. */
  get loadedAt(): number | undefined {
    return Number.isFinite(this.fetchedAt) ? this.fetchedAt : undefined;
  }

  /** Starts loading keys without making anyone wait; failures are logged, not thrown. */
  warm(): Promise<void> {
    return this.refresh().catch(() => undefined);
  }

  /** No fetch is scheduled any more (the app is closing). */
  stop(): void {
    this.stopped = true;
    this.cancelScheduled?.();
    this.cancelScheduled = undefined;
  }

  /**
   * Whether `key` is in the set now: false once it left the set or changed, or once the keys
   * were dropped as too stale. A cached verification is served only while its key is current.
   */
  isCurrent(key: SigningKey): boolean {
    return this.keys.has(key);
  }

  /**
   * Resolves the key for a JWS header. The header is hostile input: only `alg` (already checked
   * against the allowlist by the verifier) and `kid` are read; `jku`, `x5u`, `jwk`, `x5c` never are.
   */
  async getKey(header: { alg?: unknown; kid?: unknown }): Promise<SigningKey> {
    const { alg, kid } = header;
    if (typeof alg !== 'string') throw new AuthErrors.InvalidToken('The access token is malformed');
    if (kid !== undefined && typeof kid !== 'string') {
      throw new AuthErrors.InvalidToken('The access token has an invalid "kid" header');
    }
    const now = this.now();
    if (this.keys.size > 0 && this.tooStale(now)) this.dropStaleKeys();
    if (this.keys.size === 0) {
      await this.loadCold(now);
    } else if (this.shouldRefreshInBackground(now)) {
      void this.refresh().catch(() => undefined);
    }

    let key = this.keys.find(alg, kid);
    if (key === undefined) {
      if (this.mayRefetchForUnknownKid(now)) {
        await this.refresh().catch(() => undefined);
        key = this.keys.find(alg, kid);
      } else if (!this.options.source.isStatic) {
        this.options.telemetry?.unknownKidRefetchSuppressed?.();
      }
    }
    if (key === undefined) {
      // The key may well exist: while the IdP cannot be reached that is a 503, not a bad token.
      if (this.lastFailureAt > this.fetchedAt) throw idpUnavailable(this.retryAfterS(this.now()));
      throw new AuthErrors.UnknownSigningKey();
    }
    if (this.lastFailureAt > this.fetchedAt) this.options.telemetry?.staleKeysUsed?.();
    return key;
  }

  /** Past maxAge, refresh behind the scenes — but not within the backoff while the IdP is down. */
  private shouldRefreshInBackground(now: number): boolean {
    return (
      !this.options.source.isStatic &&
      now - this.fetchedAt > this.timings.maxAgeMs &&
      now >= this.nextAttemptAt &&
      this.inflight === undefined
    );
  }

  /** Seconds until the next fetch may be made, at least 1: the Retry-After of a 503. */
  private retryAfterS(now: number): number {
    return Math.max(1, Math.ceil((this.nextAttemptAt - now) / 1000));
  }

  private mayRefetchForUnknownKid(now: number): boolean {
    return (
      !this.options.source.isStatic && now - this.lastAttemptAt >= this.timings.unknownKidCooldownMs
    );
  }

  private tooStale(now: number): boolean {
    return !this.options.source.isStatic && now - this.fetchedAt > this.timings.maxStaleMs;
  }

  private dropStaleKeys(): void {
    this.options.logger.error(
      { ageS: Math.round((this.now() - this.fetchedAt) / 1000) },
      'signing keys are older than the stale limit and the IdP cannot be reached: dropping them',
    );
    this.keys = new KeySet();
  }

  private async loadCold(now: number): Promise<void> {
    if (this.inflight === undefined && now < this.nextAttemptAt) {
      throw idpUnavailable(this.retryAfterS(now));
    }
    try {
      await this.refresh();
    } catch (error) {
      throw idpUnavailable(this.retryAfterS(this.now()), error);
    }
  }

  /** One fetch at a time: concurrent callers share the in-flight one. The next is then scheduled. */
  private refresh(): Promise<void> {
    this.inflight ??= this.fetchAndImport().finally(() => {
      this.inflight = undefined;
      this.scheduleNext();
    });
    return this.inflight;
  }

  /** Keeps the keys fresh without traffic: at maxAge when healthy, at the backoff after failures. */
  private scheduleNext(): void {
    if (this.stopped || this.options.source.isStatic) return;
    this.cancelScheduled?.();
    const delayMs = this.failures > 0 ? this.nextAttemptAt - this.now() : this.timings.maxAgeMs;
    this.cancelScheduled = this.schedule(
      () => {
        this.cancelScheduled = undefined;
        return this.refresh().catch(() => undefined);
      },
      Math.max(0, delayMs),
    );
  }

  /** Half the step fixed, half random ("equal jitter"): instances restarted together spread out. */
  private backoffMs(): number {
    const { retryInitialMs, retryMaxMs } = this.timings;
    const step = Math.min(retryMaxMs, retryInitialMs * 2 ** (this.failures - 1));
    return step / 2 + (this.random() * step) / 2;
  }

  private async fetchAndImport(): Promise<void> {
    this.lastAttemptAt = this.now();
    try {
      const jwks = await this.options.source.load();
      const keys = importSigningKeys(jwks.keys, this.options.algorithms, this.options.logger);
      if (keys.length === 0) throw new JwksFetchError('the JWK Set has no usable signing key');
      // A key published unchanged keeps its object, and so what it verified.
      this.keys = this.keys.next(keys);
      this.fetchedAt = this.now();
      this.failures = 0;
      this.nextAttemptAt = Number.NEGATIVE_INFINITY;
      this.options.logger.info({ keys: keys.length }, 'signing keys loaded');
    } catch (error) {
      this.lastFailureAt = this.now();
      this.failures++;
      const retryInMs = this.backoffMs();
      this.nextAttemptAt = this.lastFailureAt + retryInMs;
      const reason = error instanceof Error ? error.message : String(error);
      const details = { reason, retryInS: Math.round(retryInMs / 100) / 10 };
      if (this.keys.size > 0) {
        this.options.logger.warn(
          details,
          'cannot refresh signing keys; serving the last good ones',
        );
      } else this.options.logger.error(details, 'cannot load signing keys');
      throw error;
    }
  }
}

function unrefTimeout(task: () => Promise<void>, ms: number): () => void {
  const timer = setTimeout(() => void task(), ms);
  timer.unref();
  return () => clearTimeout(timer);
}
