import type { KeyObject } from 'node:crypto';
import { AuthErrors } from '../errors';
import { decodeJsonObject, splitCompactJws, verifySignature } from '../jws/compact-jws';
import {
  fitsAlgorithm,
  hasPrivateMembers,
  importPublicJwk,
  PublicKeyError,
} from '../jws/public-key';
import { jwkThumbprint } from './jwk-thumbprint';

export interface DpopProofVerifierOptions {
  /** Asymmetric JWS algorithms a proof may be signed with. */
  algorithms: readonly string[];
  /** How old a proof's `iat` may be, in seconds (RFC 9449 §11.1: a short window). */
  maxAgeS: number;
  /** How far in the future a proof's `iat` may be (clock skew), in seconds. */
  futureSkewS: number;
  /** Proof headers kept verified (by their exact bytes), so a client's key is imported once. */
  keyCacheSize?: number;
  now?: () => number;
}

/** What the request the proof came with says: the proof must match it. */
export interface ProofExpectation {
  /** The request method. */
  htm: string;
  /** The request URI as the client addressed it, without query and fragment, normalized. */
  htu: string;
  /** `ath`: the base64url SHA-256 of the access token presented with the proof. */
  ath: string;
}

/** A proof that passed every check of RFC 9449 §4.3 but the nonce and replay ones. */
export interface VerifiedProof {
  /** RFC 7638 thumbprint of the proof's key: must equal the token's `cnf.jkt`. */
  jkt: string;
  jti: string;
  iat: number;
  nonce: string | undefined;
}

/** Larger than any honest proof (a header with an RSA-4096 key, a short payload). */
const MAX_PROOF_LENGTH = 8 * 1024;
const MAX_JTI_LENGTH = 256;

/** What a proof header says once checked: its algorithm, its imported key and its thumbprint. */
interface ProofHeader {
  alg: string;
  key: KeyObject;
  jkt: string;
}

/**
 * Verifies DPoP proofs (RFC 9449 §4.3): one compact JWS typed `dpop+jwt`, an allowed asymmetric
 * `alg`, a public `jwk` of the matching type whose signature verifies, and claims that match the
 * request (`htm`, `htu`), the token (`ath`) and the time (`iat` within the window). A client signs
 * every proof with one key, so its header segment repeats byte for byte: the header's checks, key
 * import and thumbprint are done once per distinct segment (a bounded LRU keyed by those bytes —
 * the same bytes always decode to the same header). Synchronous: node:crypto verifies the
 * signature. Nonce and replay (`jti`) checks need shared state and are the caller's.
 */
export class DpopProofVerifier {
  private readonly allowed: ReadonlySet<string>;
  private readonly headers = new Map<string, ProofHeader>();
  private readonly keyCacheSize: number;
  private readonly now: () => number;

  constructor(private readonly options: DpopProofVerifierOptions) {
    this.allowed = new Set(options.algorithms);
    this.keyCacheSize = options.keyCacheSize ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  get algorithms(): readonly string[] {
    return this.options.algorithms;
  }

  verify(proof: string, expected: ProofExpectation): VerifiedProof {
    const jws = splitCompactJws(proof, MAX_PROOF_LENGTH);
    if (jws === undefined) throw invalid('The DPoP proof is not a compact JWS');
    const { alg, key, jkt } = this.checkedHeader(jws.header);
    if (!verifySignature(jws, alg, key)) throw invalid('The DPoP proof signature is invalid');
    const claims = decodeJsonObject(jws.payload);
    if (claims === undefined) throw invalid('The DPoP proof claims are malformed');
    const { jti, htm, htu, iat, ath, nonce } = claims;
    if (typeof jti !== 'string' || jti === '' || jti.length > MAX_JTI_LENGTH) {
      throw invalid('The DPoP proof needs a jti');
    }
    if (htm !== expected.htm) throw invalid('The DPoP proof was made for another method');
    if (typeof htu !== 'string' || !sameTarget(htu, expected.htu)) {
      throw invalid('The DPoP proof was made for another URL');
    }
    if (typeof iat !== 'number' || !Number.isFinite(iat))
      throw invalid('The DPoP proof needs an iat');
    const nowS = this.now() / 1000;
    if (iat < nowS - this.options.maxAgeS) throw invalid('The DPoP proof is too old');
    if (iat > nowS + this.options.futureSkewS) throw invalid('The DPoP proof is from the future');
    if (ath !== expected.ath) {
      throw invalid('The DPoP proof was made for another access token');
    }
    if (nonce !== undefined && typeof nonce !== 'string')
      throw invalid('The DPoP proof nonce is malformed');
    return { jkt, jti, iat, nonce };
  }

  /** The header segment's verdict, remembered by its bytes: the checks of RFC 9449 §4.3 on it. */
  private checkedHeader(segment: string): ProofHeader {
    let checked = this.headers.get(segment);
    if (checked !== undefined) {
      // Refresh recency: Map iteration order is insertion order.
      this.headers.delete(segment);
    } else {
      checked = checkHeader(segment, this.allowed);
    }
    this.headers.set(segment, checked);
    if (this.headers.size > this.keyCacheSize) {
      this.headers.delete(this.headers.keys().next().value as string);
    }
    return checked;
  }
}

/** Only a header that passes every check is ever remembered: refusals throw. */
function checkHeader(segment: string, allowed: ReadonlySet<string>): ProofHeader {
  const header = decodeJsonObject(segment);
  if (header === undefined) throw invalid('The DPoP proof header is malformed');
  const typ = header['typ'];
  if (
    typeof typ !== 'string' ||
    !['dpop+jwt', 'application/dpop+jwt'].includes(typ.toLowerCase())
  ) {
    throw invalid('The DPoP proof must have typ "dpop+jwt"');
  }
  const alg = header['alg'];
  if (typeof alg !== 'string' || !allowed.has(alg)) {
    throw invalid('The DPoP proof is signed with an algorithm this API does not accept');
  }
  if (header['crit'] !== undefined)
    throw invalid('The DPoP proof uses an unsupported JOSE feature');
  return { alg, ...proofKey(header['jwk'], alg) };
}

/** The proof's key; anything but a usable public key is refused. */
function proofKey(jwk: unknown, alg: string): { key: KeyObject; jkt: string } {
  if (typeof jwk !== 'object' || jwk === null || Array.isArray(jwk)) {
    throw invalid('The DPoP proof must carry its public key in "jwk"');
  }
  const members = jwk as Record<string, unknown>;
  if (hasPrivateMembers(members)) throw invalid('The DPoP proof key must be a public key');
  if (!fitsAlgorithm(members, alg)) throw invalid('The DPoP proof key does not fit its algorithm');
  const jkt = jwkThumbprint(members);
  if (jkt === undefined) throw invalid('The DPoP proof key is malformed');
  try {
    return { key: importPublicJwk(members), jkt };
  } catch (error) {
    if (error instanceof PublicKeyError)
      throw invalid(`The DPoP proof key is unusable: ${error.message}`);
    throw error;
  }
}

/** RFC 9449 §4.3: compare without query and fragment, after syntax-based normalization. */
function sameTarget(htu: string, expected: string): boolean {
  if (htu === expected) return true;
  const url = URL.parse(htu);
  return url !== null && `${url.origin}${url.pathname}` === expected;
}

function invalid(message: string): Error {
  return new AuthErrors.InvalidDpopProof(message);
}
