import { constants, type VerifyKeyObjectInput } from 'node:crypto';
import type { SigningAlgorithm } from '@oracle-ai/api/util-config';

/** What a JWS algorithm (RFC 7518 §3, RFC 8037) needs of a key and of node:crypto. */
export interface JwsAlgorithm {
  /** `kty` (and `crv`) a key must have to be used with the algorithm (RFC 8725 §3.1). */
  keyType: 'RSA' | 'EC' | 'OKP';
  curve?: string;
  /** Digest for node:crypto's `verify`; null for EdDSA, which hashes internally. */
  hash: string | null;
  verifyOptions: Omit<VerifyKeyObjectInput, 'key'>;
  /** Fixed signature length in bytes where the algorithm has one (ECDSA's raw r||s). */
  signatureLength?: number;
}

const PSS = {
  padding: constants.RSA_PKCS1_PSS_PADDING,
  saltLength: constants.RSA_PSS_SALTLEN_DIGEST,
};
// JWS carries ECDSA signatures as raw r||s (RFC 7518 §3.4), not DER.
const RAW_ECDSA = { dsaEncoding: 'ieee-p1363' } as const;

/**
 * Every algorithm the API can be configured with (`SUPPORTED_ALGORITHMS` names them; the compiler
 * keeps this table complete), and how it is verified. Verifying through node:crypto is synchronous
 * and several times cheaper per token than WebCrypto; see docs/adr/0003.
 */
export const JWS_ALGORITHMS: Readonly<Record<SigningAlgorithm, JwsAlgorithm>> = {
  RS256: { keyType: 'RSA', hash: 'sha256', verifyOptions: {} },
  RS384: { keyType: 'RSA', hash: 'sha384', verifyOptions: {} },
  RS512: { keyType: 'RSA', hash: 'sha512', verifyOptions: {} },
  PS256: { keyType: 'RSA', hash: 'sha256', verifyOptions: PSS },
  PS384: { keyType: 'RSA', hash: 'sha384', verifyOptions: PSS },
  PS512: { keyType: 'RSA', hash: 'sha512', verifyOptions: PSS },
  ES256: {
    keyType: 'EC',
    curve: 'P-256',
    hash: 'sha256',
    verifyOptions: RAW_ECDSA,
    signatureLength: 64,
  },
  ES384: {
    keyType: 'EC',
    curve: 'P-384',
    hash: 'sha384',
    verifyOptions: RAW_ECDSA,
    signatureLength: 96,
  },
  ES512: {
    keyType: 'EC',
    curve: 'P-521',
    hash: 'sha512',
    verifyOptions: RAW_ECDSA,
    signatureLength: 132,
  },
  EdDSA: { keyType: 'OKP', curve: 'Ed25519', hash: null, verifyOptions: {} },
};

/** The table entry for a configured algorithm name; undefined for anything else (hostile `alg`). */
export function jwsAlgorithm(alg: string): JwsAlgorithm | undefined {
  return Object.hasOwn(JWS_ALGORITHMS, alg) ? JWS_ALGORITHMS[alg as SigningAlgorithm] : undefined;
}
