import { HttpContext, HttpContextToken } from '@angular/common/http';

/**
 * Whether the interceptor should move the user to `/forbidden` or `/service-unavailable` when an
 * API call fails. Guards turn it off: they return a `UrlTree` themselves.
 */
export const NAVIGATE_ON_API_ERROR = new HttpContextToken<boolean>(() => true);

export function withoutErrorNavigation(): { context: HttpContext } {
  return { context: new HttpContext().set(NAVIGATE_ON_API_ERROR, false) };
}
