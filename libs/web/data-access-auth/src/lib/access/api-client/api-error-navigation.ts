import { HttpContext, HttpContextToken, HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { catchError, throwError } from 'rxjs';
import { classifyApiFailure } from '../../http/api-failure';
import { ApiRequestMatcher } from '../../http/api-request-matcher';
import { serviceUnavailableUrl } from '../../navigation/service-unavailable-url';
import { AuthSession } from '../../session/auth-session';
import { AccessDenialRecord } from '../access-denial';

/**
 * Whether a failed API call moves the user to `/forbidden` or `/service-unavailable`. Guards turn
 * it off: they return a `UrlTree` themselves.
 */
export const NAVIGATE_ON_API_ERROR = new HttpContextToken<boolean>(() => true);

export function withoutErrorNavigation(): { context: HttpContext } {
  return { context: new HttpContext().set(NAVIGATE_ON_API_ERROR, false) };
}

/**
 * Takes the user to the page that explains a failed API call: 403 → `/forbidden` (remembering the
 * groups the API named), 503 or no answer → `/service-unavailable` (with the `Retry-After`), never
 * a login loop. It sits
 * outside `apiAuthInterceptor`, so it sees a 401 only once refresh and replay have failed.
 */
export const apiErrorNavigationInterceptor: HttpInterceptorFn = (req, next) => {
  if (!req.context.get(NAVIGATE_ON_API_ERROR) || !inject(ApiRequestMatcher).matches(req.url)) {
    return next(req);
  }
  const router = inject(Router);
  const denials = inject(AccessDenialRecord);
  const session = inject(AuthSession);

  return next(req).pipe(
    catchError((error: unknown) => {
      const failure = classifyApiFailure(error);
      if (failure.kind === 'denied') {
        denials.record({ feature: null, requiredGroups: failure.requiredGroups });
        void router.navigateByUrl('/forbidden');
      } else if (failure.kind === 'unavailable') {
        void router.navigateByUrl(serviceUnavailableUrl(session.currentUrl(), failure.retryAfterS));
      }
      return throwError(() => error);
    }),
  );
};
