import { Injectable } from '@angular/core';
import { generateKeyPair, generateProof, type KeyPair } from 'dpop';

/** What a proof is signed for (RFC 9449 §4.2). */
export interface ProofClaims {
  /** The request's method. */
  htm: string;
  /** The request's URL without query and fragment (see `proofHtu`). */
  htu: string;
  /** The latest nonce the receiving server gave out, if any. */
  nonce?: string;
  /** The access token the request carries: the proof then holds its hash (`ath`). */
  accessToken?: string;
}

/**
 * This page's DPoP key (RFC 9449): one ES256 key pair, made with WebCrypto on first use, its private
 * key non-extractable: script can ask it to sign, never read it. Held in this object only, like the
 * tokens: never in storage, so a reload makes a new one (and the IdP session a new code). Proofs
 * come from panva's `dpop`: a fresh `jti` and `iat` each.
 */
@Injectable({ providedIn: 'root' })
export class DpopKey {
  private keyPair: Promise<KeyPair> | null = null;

  async sign({ htm, htu, nonce, accessToken }: ProofClaims): Promise<string> {
    return generateProof(await this.pair(), htu, htm, nonce, accessToken);
  }

  private pair(): Promise<KeyPair> {
    this.keyPair ??= generateKeyPair('ES256', { extractable: false }).catch((error: unknown) => {
      // Try again on the next request rather than fail every one of this page.
      this.keyPair = null;
      throw error;
    });
    return this.keyPair;
  }
}
