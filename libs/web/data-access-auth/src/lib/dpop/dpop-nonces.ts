import { HttpHeaders } from '@angular/common/http';
import { Injectable } from '@angular/core';

/** The servers this app sends proofs to; each gives out nonces of its own. */
export type DpopServer = 'idp' | 'api';

/** RFC 9449 §8.1: `nonce = 1*NQCHAR`, i.e. printable ASCII without `"` and `\`. */
const NONCE = /^[\x21\x23-\x5B\x5D-\x7E]+$/;

/**
 * The latest `DPoP-Nonce` each server sent (RFC 9449 §8, §9), on an error or a success, for the
 * next proof to that server. Kept per server: a nonce of the IdP never goes into a proof for the
 * API, nor the other way round. Memory only.
 */
@Injectable({ providedIn: 'root' })
export class DpopNonces {
  private readonly latest = new Map<DpopServer, string>();

  get(server: DpopServer): string | undefined {
    return this.latest.get(server);
  }

  /** Keeps the nonce a response of `server` carries; answers whether it carried one. */
  remember(server: DpopServer, headers: HttpHeaders): boolean {
    const nonce = headers.get('DPoP-Nonce');
    if (nonce === null || !NONCE.test(nonce)) return false;
    this.latest.set(server, nonce);
    return true;
  }
}
