import { verify, type KeyObject } from 'node:crypto';
import { jwsAlgorithm } from './algorithms';

/** A JWS in compact serialization (RFC 7515 §7.1), split into its base64url segments. */
export interface CompactJws {
  header: string;
  payload: string;
  signature: string;
  /** `<header>.<payload>`: what the signature covers. */
  signingInput: string;
}

const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/**
 * Splits a compact JWS of at most `maxLength` characters; undefined for anything else (too long,
 * not three non-empty base64url segments). Nothing is decoded yet.
 */
export function splitCompactJws(value: string, maxLength: number): CompactJws | undefined {
  if (value.length > maxLength || !COMPACT_JWS.test(value)) return undefined;
  const headerEnd = value.indexOf('.');
  const payloadEnd = value.lastIndexOf('.');
  return {
    header: value.slice(0, headerEnd),
    payload: value.slice(headerEnd + 1, payloadEnd),
    signature: value.slice(payloadEnd + 1),
    signingInput: value.slice(0, payloadEnd),
  };
}

/** A base64url segment decoded as a JSON object; undefined for anything else. */
export function decodeJsonObject(segment: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether `jws`'s signature verifies with `key` under `alg`, through node:crypto (synchronous,
 * several times cheaper per token than WebCrypto: docs/adr/0003). False for any mismatch — an
 * unknown `alg`, an ECDSA signature of the wrong length — never a throw on hostile input.
 */
export function verifySignature(jws: CompactJws, alg: string, key: KeyObject): boolean {
  const spec = jwsAlgorithm(alg);
  if (spec === undefined) return false;
  const signature = Buffer.from(jws.signature, 'base64url');
  if (spec.signatureLength !== undefined && signature.length !== spec.signatureLength) return false;
  try {
    return verify(
      spec.hash,
      Buffer.from(jws.signingInput, 'latin1'),
      { key, ...spec.verifyOptions },
      signature,
    );
  } catch {
    return false;
  }
}
