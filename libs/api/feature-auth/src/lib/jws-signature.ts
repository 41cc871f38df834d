import { constants, verify, type KeyObject, type VerifyKeyObjectInput } from 'node:crypto';

/**
 * How each JWS algorithm (RFC 7518 §3) maps onto node:crypto. Verifying through node:crypto is
 * synchronous and several times cheaper per token than WebCrypto; see docs/adr/0003.
 */
const ALGORITHMS: Record<
  string,
  { hash: string | null; options: Omit<VerifyKeyObjectInput, 'key'>; signatureLength?: number }
> = {
  RS256: { hash: 'sha256', options: {} },
  RS384: { hash: 'sha384', options: {} },
  RS512: { hash: 'sha512', options: {} },
  PS256: {
    hash: 'sha256',
    options: {
      padding: constants.RSA_PKCS1_PSS_PADDING,
      saltLength: constants.RSA_PSS_SALTLEN_DIGEST,
    },
  },
  PS384: {
    hash: 'sha384',
    options: {
      padding: constants.RSA_PKCS1_PSS_PADDING,
      saltLength: constants.RSA_PSS_SALTLEN_DIGEST,
    },
  },
  PS512: {
    hash: 'sha512',
    options: {
      padding: constants.RSA_PKCS1_PSS_PADDING,
      saltLength: constants.RSA_PSS_SALTLEN_DIGEST,
    },
  },
  // JWS carries ECDSA signatures as raw r||s (RFC 7518 §3.4), not DER.
  ES256: { hash: 'sha256', options: { dsaEncoding: 'ieee-p1363' }, signatureLength: 64 },
  ES384: { hash: 'sha384', options: { dsaEncoding: 'ieee-p1363' }, signatureLength: 96 },
  ES512: { hash: 'sha512', options: { dsaEncoding: 'ieee-p1363' }, signatureLength: 132 },
  EdDSA: { hash: null, options: {} },
};

/**
 * Verifies a compact JWS signature over `<header>.<payload>` with a key already bound to `alg`
 * by the key store. Returns false for any mismatch, never throws on hostile input.
 */
export function verifyJwsSignature(
  alg: string,
  key: KeyObject,
  signingInput: string,
  signature: string,
): boolean {
  const spec = ALGORITHMS[alg];
  if (spec === undefined) return false;
  const signatureBytes = Buffer.from(signature, 'base64url');
  if (spec.signatureLength !== undefined && signatureBytes.length !== spec.signatureLength)
    return false;
  try {
    return verify(
      spec.hash,
      Buffer.from(signingInput, 'latin1'),
      { key, ...spec.options },
      signatureBytes,
    );
  } catch {
    return false;
  }
}
