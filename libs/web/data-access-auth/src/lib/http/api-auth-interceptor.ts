import { HttpInterceptorFn, HttpRequest } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { catchError, from, switchMap, throwError } from 'rxjs';
import { AccessStore } from '../access/access-store';
import { authErrorUrl } from '../session/auth-errors';
import { AuthSession } from '../session/auth-session';
import { classifyApiFailure } from './api-failure';
import { NAVIGATE_ON_API_ERROR } from './api-request-options';
import { ApiRequestMatcher } from './api-request-matcher';

/**
 * Attaches the bearer to API requests only (see `ApiRequestMatcher`), and turns API failures into the
 * right place: 401 → one refresh and one replay, then re-login on the same page; 403 →
 * `/forbidden`; 503 or no answer → `/service-unavailable` (never a login loop).
 */
export const apiAuthInterceptor: HttpInterceptorFn = (req, next) => {
  if (!inject(ApiRequestMatcher).matches(req.url)) return next(req);
  const session = inject(AuthSession);
  const router = inject(Router);
  const access = inject(AccessStore);

  const send = () => next(withBearer(req, session.accessToken()));
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
    catchError((error: unknown) => {
      if (req.context.get(NAVIGATE_ON_API_ERROR)) redirectForError(error);
      return throwError(() => error);
    }),
  );

  function redirectForError(error: unknown): void {
    const failure = classifyApiFailure(error);
    if (failure.kind === 'denied') {
      access.recordDenial({ feature: null, requiredGroups: failure.requiredGroups });
      void router.navigateByUrl('/forbidden');
    } else if (failure.kind === 'unavailable') {
      void router.navigate(['/service-unavailable'], {
        queryParams: { returnUrl: session.currentUrl() },
      });
    }
  }
};

function withBearer(req: HttpRequest<unknown>, token: string | null): HttpRequest<unknown> {
  return token ? req.clone({ setHeaders: { Authorization: `Bearer ${token}` } }) : req;
}
