import { DOCUMENT } from '@angular/common';
import {
  HttpErrorResponse,
  HttpEvent,
  HttpHandlerFn,
  HttpRequest,
  HttpResponse,
} from '@angular/common/http';
import { inject } from '@angular/core';
import { catchError, defer, Observable, switchMap, tap, throwError } from 'rxjs';
import { DpopKey } from '../dpop/dpop-key';
import { DpopNonces, DpopServer } from '../dpop/dpop-nonces';
import { proofHtu } from '../dpop/proof-htu';

export interface DpopSenderOptions {
  /** Whose nonces the proofs carry and the answers' nonces are kept for. */
  server: DpopServer;
  /** Whether a failed answer asks for a proof with (another) nonce (`use_dpop_nonce`). */
  demandsNonce(error: HttpErrorResponse): boolean;
}

/** Sends `req` with a proof; `accessToken` is the one it carries (for `ath`), none on a token request. */
export type DpopSend = (
  req: HttpRequest<unknown>,
  next: HttpHandlerFn,
  accessToken?: string,
) => Observable<HttpEvent<unknown>>;

/**
 * Makes the sender of DPoP requests to `server` (call it in an interceptor: it injects). Each
 * request gets a fresh `DPoP` proof carrying the latest nonce of that server. When the answer
 * demands a nonce and names one (RFC 9449 §8), the request goes once more with a new proof that
 * carries it; a second demand is the caller's failure, never a loop. Every `DPoP-Nonce` the server
 * sends, on errors and successes alike, is kept for its next proof.
 */
export function dpopSender({ server, demandsNonce }: DpopSenderOptions): DpopSend {
  const key = inject(DpopKey);
  const nonces = inject(DpopNonces);
  const origin = inject(DOCUMENT).location.origin;

  return (req, next, accessToken) => {
    const htu = proofHtu(req.url, origin);
    let nonceReceived = false;
    const attempt = () =>
      defer(() => key.sign({ htm: req.method, htu, nonce: nonces.get(server), accessToken })).pipe(
        switchMap((proof) => next(req.clone({ setHeaders: { DPoP: proof } }))),
        tap({
          next: (event) => {
            if (event instanceof HttpResponse) nonces.remember(server, event.headers);
          },
          error: (error: unknown) => {
            nonceReceived =
              error instanceof HttpErrorResponse && nonces.remember(server, error.headers);
          },
        }),
      );
    return attempt().pipe(
      catchError((error: unknown) =>
        error instanceof HttpErrorResponse && nonceReceived && demandsNonce(error)
          ? attempt()
          : throwError(() => error),
      ),
    );
  };
}
