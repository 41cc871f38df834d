import { HttpInterceptorFn, HttpRequest } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { catchError, from, switchMap, throwError } from 'rxjs';
import { authErrorUrl } from '../session/auth-errors';
import { AuthSession } from '../session/auth-session';
import { classifyApiFailure } from './api-failure';
import { ApiRequestMatcher } from './api-request-matcher';
import { dpopSender } from './dpop-request';

/**
 * Attaches the access token to API requests only (see `ApiRequestMatcher`): a DPoP-bound one as
 * `Authorization: DPoP` with a fresh proof (once more when the API demands a nonce), any other as
 * `Bearer`. When the API refuses it (401): one refresh and one replay, then re-login on the same
 * page.
 */
export const apiAuthInterceptor: HttpInterceptorFn = (req, next) => {
  if (!inject(ApiRequestMatcher).matches(req.url)) return next(req);
  const session = inject(AuthSession);
  const router = inject(Router);

  const sendWithProof = dpopSender({
    server: 'api',
    demandsNonce: (error) => classifyApiFailure(error).kind === 'use_dpop_nonce',
  });
  const send = () => {
    const token = session.accessToken();
    return token && session.accessTokenType() === 'DPoP'
      ? sendWithProof(req.clone({ setHeaders: { Authorization: `DPoP ${token}` } }), next, token)
      : next(withBearer(req, token));
  };
  const isUnauthenticated = (error: unknown) =>
    classifyApiFailure(error).kind === 'unauthenticated';

  return send().pipe(
    catchError((error: unknown) => {
      if (!isUnauthenticated(error)) return throwError(() => error);
      return from(session.refresh()).pipe(
        switchMap((outcome) => {
          if (outcome === 'refreshed') return send();
          if (outcome === 'unreachable') void router.navigateByUrl(authErrorUrl('idp_unreachable'));
          else void session.reauthenticate();
          return throwError(() => error);
        }),
        catchError((replayError: unknown) => {
          if (replayError !== error && isUnauthenticated(replayError))
            void session.reauthenticate();
          return throwError(() => replayError);
        }),
      );
    }),
  );
};

function withBearer(req: HttpRequest<unknown>, token: string | null): HttpRequest<unknown> {
  return token ? req.clone({ setHeaders: { Authorization: `Bearer ${token}` } }) : req;
}
