import { DOCUMENT } from '@angular/common';
import { HttpErrorResponse, HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { DpopActivation } from '../dpop/dpop-activation';
import { proofHtu } from '../dpop/proof-htu';
import { IdpDiscovery } from '../session/idp-discovery';
import { dpopSender } from './dpop-request';

/**
 * Adds a DPoP proof to every call of the IdP's token endpoint (the one discovery names: code
 * exchange and refresh, both made by the OAuth library, which knows nothing of DPoP), so the IdP
 * binds the tokens to this page's key. A `400 {"error":"use_dpop_nonce"}` with a `DPoP-Nonce` is
 * answered once with a proof carrying it. No other URL of the IdP gets a proof: revocation needs none.
 */
export const tokenEndpointDpopInterceptor: HttpInterceptorFn = (req, next) => {
  const tokenEndpoint = inject(IdpDiscovery).metadata()?.['token_endpoint'];
  const origin = inject(DOCUMENT).location.origin;
  if (
    req.method !== 'POST' ||
    !inject(DpopActivation).active() ||
    !isEndpoint(req.url, tokenEndpoint, origin)
  ) {
    return next(req);
  }
  return dpopSender({ server: 'idp', demandsNonce: isNonceDemand })(req, next);
};

/** Whether `url` (relative ones resolved against the page) is `endpoint`, query aside. */
function isEndpoint(url: string, endpoint: unknown, origin: string): boolean {
  if (typeof endpoint !== 'string') return false;
  try {
    return proofHtu(url, origin) === proofHtu(endpoint, origin);
  } catch {
    return false;
  }
}

/** RFC 9449 §8: how an authorization server asks for a nonce. */
function isNonceDemand(error: HttpErrorResponse): boolean {
  const body: unknown = error.error;
  return (
    error.status === 400 &&
    typeof body === 'object' &&
    body !== null &&
    (body as { error?: unknown }).error === 'use_dpop_nonce'
  );
}
