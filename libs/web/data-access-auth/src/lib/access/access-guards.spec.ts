import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import {
  ActivatedRouteSnapshot,
  CanActivateFn,
  provideRouter,
  Router,
  RouterStateSnapshot,
  UrlTree,
} from '@angular/router';
import { MeResponse } from '@oracle-ai/shared/util-api-contract';
import { AuthSession } from '../session/auth-session';
import { accessGuard, landingGuard, sessionGuard } from './access-guards';
import { AccessDecision, AccessStore } from './access-store';

function me(access: MeResponse['access']): MeResponse {
  return {
    sub: 'u1',
    username: 'alice',
    groups: [],
    access,
    expiresAt: new Date().toISOString(),
    dpopBound: false,
  };
}

describe('guards', () => {
  const authenticated = signal(true);
  const session = {
    isAuthenticated: authenticated.asReadonly(),
    login: jest.fn<Promise<boolean>, [string]>(),
  };
  let decision: AccessDecision;
  const access = {
    load: jest.fn(async () => decision),
    me: () => (decision.kind === 'granted' ? decision.me : null),
  };

  beforeEach(() => {
    jest.clearAllMocks();
    authenticated.set(true);
    session.login.mockResolvedValue(true);
    decision = { kind: 'granted', me: me({ chat: true, analytics: true }) };
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        { provide: AuthSession, useValue: session },
        { provide: AccessStore, useValue: access },
      ],
    });
  });

  async function run(guard: CanActivateFn, url: string): Promise<boolean | string> {
    const result = await TestBed.runInInjectionContext(() =>
      guard({} as ActivatedRouteSnapshot, { url } as RouterStateSnapshot),
    );
    return result instanceof UrlTree
      ? TestBed.inject(Router).serializeUrl(result)
      : (result as boolean);
  }

  describe('sessionGuard', () => {
    it('lets a signed-in user through', async () => {
      expect(await run(sessionGuard, '/forbidden')).toBe(true);
    });

    it('starts a login that comes back to the requested URL', async () => {
      authenticated.set(false);
      expect(await run(sessionGuard, '/analytics?x=1')).toBe(false);
      expect(session.login).toHaveBeenCalledWith('/analytics?x=1');
    });

    it('shows the IdP-unreachable page instead of looping', async () => {
      authenticated.set(false);
      session.login.mockResolvedValue(false);
      expect(await run(sessionGuard, '/chat')).toBe('/auth-error?reason=idp_unreachable');
    });
  });

  describe('accessGuard', () => {
    it('follows access.chat from /api/me', async () => {
      expect(await run(accessGuard('chat'), '/chat')).toBe(true);
      decision = { kind: 'granted', me: me({ chat: false, analytics: true }) };
      expect(await run(accessGuard('chat'), '/chat')).toBe('/forbidden?feature=chat');
      expect(await run(accessGuard('analytics'), '/analytics')).toBe(true);
    });

    it('sends a user without the app group to /forbidden', async () => {
      decision = { kind: 'denied', requiredGroups: ['database'] };
      expect(await run(accessGuard('analytics'), '/analytics')).toBe('/forbidden');
    });

    it('shows service-unavailable with a way back when the API is down', async () => {
      decision = { kind: 'unavailable' };
      expect(await run(accessGuard('chat'), '/chat')).toBe(
        '/service-unavailable?returnUrl=%2Fchat',
      );
      decision = { kind: 'unavailable', retryAfterS: 9 };
      expect(await run(accessGuard('chat'), '/chat')).toBe(
        '/service-unavailable?returnUrl=%2Fchat&retryAfter=9',
      );
    });

    it('does not ask the API before there is a session', async () => {
      authenticated.set(false);
      expect(await run(accessGuard('chat'), '/chat')).toBe(false);
      expect(access.load).not.toHaveBeenCalled();
    });

    it('stays put while the interceptor re-authenticates', async () => {
      decision = { kind: 'unauthenticated' };
      expect(await run(accessGuard('chat'), '/chat')).toBe(false);
    });
  });

  describe('landingGuard', () => {
    it.each([
      [{ chat: true, analytics: true }, '/chat'],
      [{ chat: false, analytics: true }, '/analytics'],
      [{ chat: false, analytics: false }, '/forbidden'],
    ])('with access %p lands on %s', async (granted, target) => {
      decision = { kind: 'granted', me: me(granted) };
      expect(await run(landingGuard, '/')).toBe(target);
    });

    it('sends a user without the app group to /forbidden', async () => {
      decision = { kind: 'denied', requiredGroups: ['database'] };
      expect(await run(landingGuard, '/')).toBe('/forbidden');
    });
  });
});
