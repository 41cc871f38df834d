import type { KeyObject } from 'node:crypto';
import {
  fitsAlgorithm,
  hasPrivateMembers,
  importPublicJwk,
  PublicKeyError,
} from '../jws/public-key';

/** Where skipped keys are reported. */
export interface KeyImportLogger {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/**
 * One published key, imported once, with the algorithms it may verify. The store keeps the same
 * object for as long as the IdP publishes the same key: a verification is tied to this object.
 */
export interface SigningKey {
  readonly kid: string | undefined;
  /** The key as published (kid, algorithms, public members), to tell a changed key from the same one. */
  readonly fingerprint: string;
  readonly key: KeyObject;
  readonly algorithms: ReadonlySet<string>;
}

/**
 * Imports the usable signing keys of a JWK Set for the configured algorithms. Entries with private
 * or symmetric material, another `use` or `key_ops`, a type or `alg` that fits no allowed
 * algorithm, or RSA under 2048 bits are skipped (the reason logged where it is a misconfiguration).
 */
export function importSigningKeys(
  jwks: readonly Record<string, unknown>[],
  algorithms: readonly string[],
  logger: KeyImportLogger,
): SigningKey[] {
  return jwks
    .map((jwk) => importOne(jwk, algorithms, logger))
    .filter((key): key is SigningKey => key !== undefined);
}

function importOne(
  jwk: Record<string, unknown>,
  allowed: readonly string[],
  logger: KeyImportLogger,
): SigningKey | undefined {
  const kid = typeof jwk['kid'] === 'string' ? jwk['kid'] : undefined;
  if (hasPrivateMembers(jwk)) {
    // A JWKS must publish public keys only; never use secret or private material.
    logger.error({ kid }, 'the JWK Set contains private or symmetric key material; key ignored');
    return undefined;
  }
  if (jwk['use'] !== undefined && jwk['use'] !== 'sig') return undefined;
  if (Array.isArray(jwk['key_ops']) && !jwk['key_ops'].includes('verify')) return undefined;
  const algorithms = new Set(
    allowed.filter(
      (alg) => (jwk['alg'] === undefined || jwk['alg'] === alg) && fitsAlgorithm(jwk, alg),
    ),
  );
  if (algorithms.size === 0) return undefined;
  let key: KeyObject;
  try {
    key = importPublicJwk(jwk);
  } catch (error) {
    if (!(error instanceof PublicKeyError)) throw error;
    logger.warn({ kid, reason: error.message }, 'signing key cannot be imported; key ignored');
    return undefined;
  }
  const fingerprint = JSON.stringify([kid, [...algorithms], key.export({ format: 'jwk' })]);
  return { kid, fingerprint, key, algorithms };
}
