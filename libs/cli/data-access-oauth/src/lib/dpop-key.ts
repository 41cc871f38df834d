import * as client from 'openid-client';

/** ES256 (P-256): the algorithm every DPoP-capable server supports (RFC 9449 §5.1 lists it first). */
const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256' } as const;
export const DPOP_ALGORITHM = 'ES256';

/** A DPoP key: the pair to sign proofs with, and the private JWK the session keeps (0600). */
export interface DpopKey {
  pair: CryptoKeyPair;
  jwk: JsonWebKey;
}

/**
 * A new key for a DPoP session. It must be extractable to outlive the process: the session file
 * holds it, protected like the refresh token it is bound to.
 */
export async function createDpopKey(): Promise<DpopKey> {
  const pair = await client.randomDPoPKeyPair(DPOP_ALGORITHM, { extractable: true });
  return { pair, jwk: await crypto.subtle.exportKey('jwk', pair.privateKey) };
}

/** The key of a stored session; imported non-extractable, as nothing needs to read it out again. */
export async function importDpopKey(jwk: JsonWebKey): Promise<DpopKey> {
  const { kty, crv, x, y } = jwk;
  const [privateKey, publicKey] = await Promise.all([
    crypto.subtle.importKey('jwk', jwk, ALGORITHM, false, ['sign']),
    // Proofs carry the public key, so it must be exportable.
    crypto.subtle.importKey('jwk', { kty, crv, x, y }, ALGORITHM, true, ['verify']),
  ]);
  return { pair: { privateKey, publicKey }, jwk };
}
