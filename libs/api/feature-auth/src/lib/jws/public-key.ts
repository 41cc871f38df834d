import { createPublicKey, type KeyObject } from 'node:crypto';
import { jwsAlgorithm } from './algorithms';

/** Members of private or symmetric keys (RFC 7518 §6): a JWK given to verify must carry none. */
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'] as const;

/** The members that define a public key of each type; nothing else reaches the crypto layer. */
const PUBLIC_MEMBERS: Readonly<Record<string, readonly string[]>> = {
  RSA: ['kty', 'n', 'e'],
  EC: ['kty', 'crv', 'x', 'y'],
  OKP: ['kty', 'crv', 'x'],
};

/** Why a JWK cannot verify signatures; a message for logs and refusals. */
export class PublicKeyError extends Error {
  override readonly name = 'PublicKeyError';
}

export function hasPrivateMembers(jwk: Readonly<Record<string, unknown>>): boolean {
  return PRIVATE_MEMBERS.some((member) => Object.hasOwn(jwk, member));
}

/** Whether the key's type (and curve) is the one `alg` needs (RFC 8725 §3.1). */
export function fitsAlgorithm(jwk: Readonly<Record<string, unknown>>, alg: string): boolean {
  const spec = jwsAlgorithm(alg);
  return (
    spec !== undefined &&
    jwk['kty'] === spec.keyType &&
    (spec.curve === undefined || jwk['crv'] === spec.curve)
  );
}

/**
 * Imports the public key a JWK describes, from its defining members only. Throws
 * {@link PublicKeyError} for private material, a malformed key, or RSA under 2048 bits (RFC 7518
 * §3.3). The one import of a JWK in the verification path: the IdP's keys and DPoP proof keys.
 */
export function importPublicJwk(jwk: Readonly<Record<string, unknown>>): KeyObject {
  if (hasPrivateMembers(jwk)) throw new PublicKeyError('the key carries private material');
  const members = PUBLIC_MEMBERS[String(jwk['kty'])] ?? [];
  let key: KeyObject;
  try {
    key = createPublicKey({
      key: Object.fromEntries(
        members.filter((name) => typeof jwk[name] === 'string').map((name) => [name, jwk[name]]),
      ) as never,
      format: 'jwk',
    });
  } catch (error) {
    throw new PublicKeyError(`the key is malformed (${(error as Error).message})`);
  }
  if (key.asymmetricKeyType === 'rsa' && (key.asymmetricKeyDetails?.modulusLength ?? 0) < 2048) {
    throw new PublicKeyError('the RSA key is shorter than 2048 bits');
  }
  return key;
}
