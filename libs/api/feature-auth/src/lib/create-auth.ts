import type { AuthConfig } from '@oracle-ai/api/util-config';
import type { AuthTelemetry } from './auth-telemetry';
import { DpopNonces } from './dpop/dpop-nonces';
import { DpopProofVerifier } from './dpop/dpop-proof';
import { MemoryReplayStore } from './dpop/memory-replay-store';
import { RedisReplayStore } from './dpop/redis-replay-store';
import { SenderConstraint } from './dpop/sender-constraint';
import { JwksSource, type FetchLike } from './keys/jwks-source';
import { SigningKeyStore, type KeyStoreLogger } from './keys/signing-key-store';
import { AccessTokenVerifier } from './token/access-token-verifier';
import { TurnBatch } from './token/turn-batch';

export interface AuthRuntime {
  keyStore: SigningKeyStore;
  verifier: AccessTokenVerifier;
  senderConstraint: SenderConstraint;
}

/** Clock skew a proof's `iat` may show towards the future. */
const DPOP_FUTURE_SKEW_S = 5;
/**
 * Proof ids one instance remembers per window (memory store): more than one core verifies in a
 * window (≈ 15,000 proofs/s for 65 s), about 70 MB per generation at most.
 */
const MEMORY_REPLAY_MAX_ENTRIES = 1_000_000;

export interface CreateAuthOptions {
  logger: KeyStoreLogger;
  /** The API's public base URL: DPoP proofs must name it (`htu`). */
  publicUrl: string;
  /** Injected in tests; the global fetch otherwise. */
  fetch?: FetchLike;
  /** Per-request timeout for discovery and JWKS fetches. */
  fetchTimeoutMs?: number;
  now?: () => number;
  /** Told of IdP fetches and key-store events (metrics). */
  telemetry?: AuthTelemetry;
}

/** Builds the key store, the verifier and the sender constraint once, from configuration (never per request). */
export function createAuth(config: AuthConfig, options: CreateAuthOptions): AuthRuntime {
  const source = new JwksSource(
    config.jwks !== undefined
      ? { kind: 'static', jwks: config.jwks }
      : config.jwksUri !== undefined
        ? { kind: 'uri', jwksUri: config.jwksUri }
        : { kind: 'discovery', issuer: config.issuer },
    options.fetch ?? ((url, init) => fetch(url, init)),
    options.fetchTimeoutMs ?? 5_000,
    options.telemetry,
  );
  const keyStore = new SigningKeyStore({
    source,
    algorithms: config.algorithms,
    logger: options.logger,
    now: options.now,
    telemetry: options.telemetry,
  });
  // One batch for every signature check of a turn: tokens and DPoP proofs alike.
  const turn = new TurnBatch();
  const verifier = new AccessTokenVerifier({
    issuer: config.issuer,
    audiences: config.audiences,
    algorithms: config.algorithms,
    clockToleranceS: config.clockToleranceS,
    groupsClaim: { claim: config.groupsClaim, delimiter: config.groupsDelimiter },
    keyStore,
    turn,
    now: options.now,
  });
  const { dpop } = config;
  const replayWindowS = dpop.maxAgeS + DPOP_FUTURE_SKEW_S;
  const senderConstraint = new SenderConstraint({
    mode: dpop.mode,
    proofs: new DpopProofVerifier({
      algorithms: dpop.algorithms,
      maxAgeS: dpop.maxAgeS,
      futureSkewS: DPOP_FUTURE_SKEW_S,
      now: options.now,
    }),
    replays:
      dpop.replayStore.kind === 'redis'
        ? new RedisReplayStore({ url: dpop.replayStore.url })
        : new MemoryReplayStore({
            windowS: replayWindowS,
            maxEntries: MEMORY_REPLAY_MAX_ENTRIES,
            now: options.now,
          }),
    nonces:
      dpop.nonceSecret === undefined
        ? undefined
        : new DpopNonces({ secret: dpop.nonceSecret, now: options.now }),
    publicUrl: options.publicUrl,
    replayWindowS,
    turn,
  });
  return { keyStore, verifier, senderConstraint };
}
