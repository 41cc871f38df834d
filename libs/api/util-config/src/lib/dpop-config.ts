import {
  ConfigError,
  integer,
  list,
  onOff,
  oneOf,
  optional,
  quoted,
  type Env,
} from '@oracle-ai/shared/util-env';
import { SUPPORTED_ALGORITHMS, type SigningAlgorithm } from './signing-algorithms';
import { storeConfig, type StoreConfig } from './store-config';

export type DpopMode = 'off' | 'allowed' | 'required';

/** Where DPoP proof ids are remembered to refuse replays. */
export type ReplayStoreConfig = StoreConfig;

/** Sender-constrained tokens (RFC 9449). */
export interface DpopConfig {
  /**
   * `off`: only Bearer (a key-bound token is still refused as Bearer); `allowed`: Bearer or DPoP;
   * `required`: DPoP only.
   */
  mode: DpopMode;
  /** Algorithms a proof may be signed with. */
  algorithms: SigningAlgorithm[];
  /** How old a proof may be (its `iat`), in seconds. */
  maxAgeS: number;
  replayStore: ReplayStoreConfig;
  /** When set, proofs must carry a server nonce derived from this secret (shared by instances). */
  nonceSecret?: string;
}

const MIN_NONCE_SECRET_LENGTH = 32;

export function loadDpopConfig(env: Env): DpopConfig {
  const nonce = onOff(env, 'AUTH_DPOP_NONCE', false);
  const nonceSecret = optional(env, 'AUTH_DPOP_NONCE_SECRET');
  if (nonce && (nonceSecret === undefined || nonceSecret.length < MIN_NONCE_SECRET_LENGTH)) {
    throw new ConfigError(
      'AUTH_DPOP_NONCE_SECRET',
      `must be set to at least ${MIN_NONCE_SECRET_LENGTH} characters, the same on every instance, when AUTH_DPOP_NONCE=on`,
    );
  }
  return {
    mode: oneOf(env, 'AUTH_DPOP', ['off', 'allowed', 'required'], 'allowed'),
    algorithms: proofAlgorithms(env),
    maxAgeS: integer(env, 'AUTH_DPOP_MAX_AGE_S', 60, 1, 300),
    replayStore: storeConfig(env, 'AUTH_DPOP_REPLAY_STORE'),
    nonceSecret: nonce ? nonceSecret : undefined,
  };
}

function proofAlgorithms(env: Env): SigningAlgorithm[] {
  const name = 'AUTH_DPOP_ALGORITHMS';
  const values = list(env, name, 'ES256,PS256,EdDSA');
  for (const alg of values) {
    if (!(SUPPORTED_ALGORITHMS as readonly string[]).includes(alg)) {
      throw new ConfigError(
        name,
        `contains ${quoted(alg)}: proofs take asymmetric algorithms only (${SUPPORTED_ALGORITHMS.join(', ')})`,
      );
    }
  }
  return values as SigningAlgorithm[];
}
