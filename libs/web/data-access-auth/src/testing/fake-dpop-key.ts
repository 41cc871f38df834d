import { Provider } from '@angular/core';
import { DpopKey, ProofClaims } from '../lib/dpop/dpop-key';

/** Stands in for `DpopKey`: a readable "proof" naming what a real one would be signed for. */
export class FakeDpopKey {
  sign = jest.fn(async ({ htm, htu, nonce, accessToken }: ProofClaims) =>
    [`proof ${htm} ${htu}`, nonce && `nonce=${nonce}`, accessToken && `ath(${accessToken})`]
      .filter(Boolean)
      .join(' '),
  );
}

export function fakeDpopKeyProviders(key: FakeDpopKey): Provider[] {
  return [{ provide: DpopKey, useValue: key }];
}

/** The proof is signed asynchronously: let it reach the testing backend. */
export function proofSigned(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
