import { verify, type KeyObject } from 'node:crypto';
import { jwsAlgorithm } from './jws-algorithms';

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
  const spec = jwsAlgorithm(alg);
  if (spec === undefined) return false;
  const signatureBytes = Buffer.from(signature, 'base64url');
  if (spec.signatureLength !== undefined && signatureBytes.length !== spec.signatureLength)
    return false;
  try {
    return verify(
      spec.hash,
      Buffer.from(signingInput, 'latin1'),
      { key, ...spec.verifyOptions },
      signatureBytes,
    );
  } catch {
    return false;
  }
}
