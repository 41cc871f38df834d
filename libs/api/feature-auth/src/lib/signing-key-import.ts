import { createPublicKey, type KeyObject } from 'node:crypto';
import { jwsAlgorithm } from './jws-algorithms';

/** Where skipped keys are reported. */
export interface KeyImportLogger {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** One published key, imported once, with the algorithms it may verify. */
export interface SigningKey {
  kid: string | undefined;
  /** Canonical public JWK, used to tell a changed key from the same one. */
  fingerprint: string;
  key: KeyObject;
  algorithms: ReadonlySet<string>;
}

/**
 * Imports the usable signing keys of a JWK Set for the configured algorithms. Entries with private
 * or symmetric material, another `use` or `key_ops`, a type or `alg` that fits no allowed
 * algorithm, or RSA under 2048 bits are skipped (the reason logged where it is a misconfiguration).
 */
export function importSigningKeys(
  jwks: Record<string, unknown>[],
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
  if ('d' in jwk || 'k' in jwk) {
    // A JWKS must publish public keys only; never use secret or private material.
    logger.error({ kid }, 'the JWK Set contains private or symmetric key material; key ignored');
    return undefined;
  }
  if (jwk['use'] !== undefined && jwk['use'] !== 'sig') return undefined;
  if (Array.isArray(jwk['key_ops']) && !jwk['key_ops'].includes('verify')) return undefined;
  const publicJwk = publicPart(jwk);
  const algorithms = new Set(allowed.filter((alg) => fitsAlgorithm(jwk, alg)));
  if (algorithms.size === 0) return undefined;
  let key: KeyObject;
  try {
    key = createPublicKey({ key: publicJwk as never, format: 'jwk' });
  } catch (error) {
    logger.warn({ kid, reason: (error as Error).message }, 'signing key cannot be imported');
    return undefined;
  }
  // RFC 7518 §3.3: RSA keys of 2048 bits or larger.
  if (key.asymmetricKeyType === 'rsa' && (key.asymmetricKeyDetails?.modulusLength ?? 0) < 2048) {
    logger.warn({ kid }, 'RSA signing key shorter than 2048 bits; key ignored');
    return undefined;
  }
  return { kid, fingerprint: JSON.stringify(publicJwk), key, algorithms };
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
