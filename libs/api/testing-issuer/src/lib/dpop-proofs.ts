import { createHash, randomUUID } from 'node:crypto';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';

/** A client's DPoP key pair, as a test holds it: the private key signs, the JWK is sent. */
export interface DpopKey {
  privateKey: CryptoKey;
  publicJwk: JWK;
  /** RFC 7638 thumbprint: the `cnf.jkt` of tokens bound to this key. */
  jkt: string;
  alg: 'ES256' | 'ES384' | 'PS256' | 'EdDSA';
}

export async function createDpopKey(alg: DpopKey['alg'] = 'ES256'): Promise<DpopKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  const publicJwk = await exportJWK(publicKey);
  return { privateKey, publicJwk, jkt: await calculateJwkThumbprint(publicJwk), alg };
}

export interface DpopProofOptions {
  htm: string;
  htu: string;
  /** The access token the proof goes with (`ath`); none for a token request. */
  accessToken?: string;
  nonce?: string;
  /** Claims merged over (or, when `undefined`, removed from) the honest ones. */
  claims?: Record<string, unknown>;
  /** Header members merged over the honest ones. */
  header?: Record<string, unknown>;
  /** Seconds since the epoch; now by default. */
  iat?: number;
}

/** An RFC 9449 proof signed with `key`; `claims`/`header` make hostile ones. */
export async function dpopProof(key: DpopKey, options: DpopProofOptions): Promise<string> {
  const claims: Record<string, unknown> = {
    jti: randomUUID(),
    htm: options.htm,
    htu: options.htu,
    iat: options.iat ?? Math.floor(Date.now() / 1000),
    ...(options.accessToken !== undefined && {
      ath: createHash('sha256').update(options.accessToken).digest('base64url'),
    }),
    ...(options.nonce !== undefined && { nonce: options.nonce }),
    ...options.claims,
  };
  for (const [name, value] of Object.entries(claims)) if (value === undefined) delete claims[name];
  const header = { alg: key.alg, typ: 'dpop+jwt', jwk: key.publicJwk, ...options.header };
  return new SignJWT(claims).setProtectedHeader(header as never).sign(key.privateKey);
}
