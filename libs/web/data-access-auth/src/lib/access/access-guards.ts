import { inject } from '@angular/core';
import { CanActivateFn, Router, UrlTree } from '@angular/router';
import { serviceUnavailableUrl } from '../navigation/service-unavailable-url';
import { authErrorUrl } from '../session/auth-errors';
import { AuthSession } from '../session/auth-session';
import { AccessStore } from './access-store';
import { AppFeature } from './app-feature';

/** Requires a session: without one, sends the browser to the IdP, back to this URL afterwards. */
export const sessionGuard: CanActivateFn = (_route, state) =>
  ensureSession(inject(AuthSession), inject(Router), state.url);

/**
 * Requires the app group, and `feature`'s access when given. Session and `/api/me` are checked
 * in one guard because Angular runs sibling guards concurrently.
 */
export function accessGuard(feature: AppFeature | null): CanActivateFn {
  return (_route, state) => checkAccess(feature, state.url);
}

/** `/`: chat when allowed, else analytics, else forbidden. */
export const landingGuard: CanActivateFn = async (_route, state) => {
  const router = inject(Router);
  const access = inject(AccessStore);
  const result = await checkAccess(null, state.url);
  if (result !== true) return result;
  const me = access.me();
  if (me?.access.chat) return router.createUrlTree(['/chat']);
  if (me?.access.analytics) return router.createUrlTree(['/analytics']);
  return router.createUrlTree(['/forbidden']);
};

async function checkAccess(
  feature: AppFeature | null,
  url: string,
): Promise<true | false | UrlTree> {
  // inject() only works before the first await.
  const router = inject(Router);
  const access = inject(AccessStore);
  const sessionResult = await ensureSession(inject(AuthSession), router, url);
  if (sessionResult !== true) return sessionResult;
  const decision = await access.load();
  switch (decision.kind) {
    case 'granted':
      if (feature === null || decision.me.access[feature]) return true;
      return router.createUrlTree(['/forbidden'], { queryParams: { feature } });
    case 'denied':
      return router.createUrlTree(['/forbidden']);
    case 'unavailable':
      return router.parseUrl(serviceUnavailableUrl(url, decision.retryAfterS));
    case 'unauthenticated':
      // The interceptor is already sending the browser to the IdP.
      return false;
  }
}

async function ensureSession(
  session: AuthSession,
  router: Router,
  url: string,
): Promise<true | false | UrlTree> {
  if (session.isAuthenticated()) return true;
  if (await session.login(url)) return false;
  return router.parseUrl(authErrorUrl('idp_unreachable'));
}
