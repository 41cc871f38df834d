import { HttpErrorResponse, provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Provider } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { OAuthErrorEvent } from 'angular-oauth2-oidc';
import {
  FakeOAuthService,
  fakeOAuthProviders,
  TEST_CONFIG,
} from '../../testing/fake-oauth-service';
import { HybridOAuthStorage } from '../storage/hybrid-oauth-storage';
import { AuthSession } from './auth-session';
import { LogoutBroadcast } from './logout-broadcast';
import { oauthClientConfig } from './oauth-client-config';

describe('AuthSession', () => {
  let oauth: FakeOAuthService;
  let storage: HybridOAuthStorage;
  let session: AuthSession;

  function createSession(extraProviders: Provider[] = []): void {
    TestBed.resetTestingModule();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        ...fakeOAuthProviders(oauth, storage),
        ...extraProviders,
      ],
    });
    session = TestBed.inject(AuthSession);
  }

  beforeEach(() => {
    sessionStorage.clear();
    storage = new HybridOAuthStorage(sessionStorage);
    oauth = new FakeOAuthService(storage);
    createSession();
    history.replaceState(null, '', '/');
  });

  afterEach(() => TestBed.resetTestingModule());

  async function arriveAtCallback(query = '?code=c1&state=s1&iss=http%3A%2F%2Flocalhost%3A4400') {
    storage.setItem('nonce', 'n1');
    storage.setItem('PKCE_verifier', 'v1');
    history.replaceState(null, '', `/auth/callback${query}`);
    const done = session.initialize();
    await Promise.race([done, new Promise((resolve) => setTimeout(resolve, 20))]);
  }

  describe('configuration', () => {
    it("configures the OAuth client for this page's origin", async () => {
      await session.initialize();
      expect(oauth.configured).toMatchObject(oauthClientConfig(TEST_CONFIG, 'http://localhost'));
      expect(oauth.configured.openUri).toEqual(expect.any(Function));
    });

    it('does nothing else outside the callback', async () => {
      await session.initialize();
      expect(oauth.loadDiscoveryDocument).not.toHaveBeenCalled();
      expect(session.isAuthenticated()).toBe(false);
    });
  });

  describe('callback', () => {
    it('exchanges the code, returns to the page first asked for and cleans the URL', async () => {
      await arriveAtCallback();
      expect(oauth.tryLoginCodeFlow).toHaveBeenCalledWith({ preventClearHashAfterLogin: true });
      expect(location.pathname + location.search).toBe('/analytics?range=7d');
      expect(session.isAuthenticated()).toBe(true);
      expect(session.displayName()).toBe('Alice');
      expect(session.accessToken()).toBe('at-1');
      expect(session.accessTokenType()).toBe('Bearer');
    });

    it.each(['DPoP', 'dpop'])('knows a token typed %s is DPoP-bound', async (tokenType) => {
      oauth.tryLoginCodeFlow.mockImplementationOnce(async () =>
        oauth.issueTokens('at-1', 'rt-1', 300_000, tokenType),
      );
      await arriveAtCallback();
      expect(session.accessTokenType()).toBe('DPoP');
    });

    it.each([
      ['access_denied', 'access_denied'],
      ['login_required', 'login_required'],
      ['server_error', 'idp_error'],
    ])('shows the auth-error page for the IdP error %s', async (idpError, reason) => {
      oauth.tryLoginCodeFlow.mockRejectedValue(
        new OAuthErrorEvent('code_error', {}, { error: idpError }),
      );
      await arriveAtCallback(`?error=${idpError}&state=s1`);
      expect(location.pathname + location.search).toBe(`/auth-error?reason=${reason}`);
      expect(session.isAuthenticated()).toBe(false);
      expect(sessionStorage.length).toBe(0);
    });

    it('explains an unreachable IdP', async () => {
      oauth.loadDiscoveryDocument.mockRejectedValue(new HttpErrorResponse({ status: 0 }));
      await arriveAtCallback();
      expect(location.search).toBe('?reason=idp_unreachable');
    });

    it('retries once on a state mismatch, then stops on the error page', async () => {
      oauth.tryLoginCodeFlow.mockImplementation(async () => {
        oauth.state = encodeURIComponent('/chat');
        throw new OAuthErrorEvent('invalid_nonce_in_state', {});
      });
      await arriveAtCallback();
      expect(oauth.initCodeFlow).toHaveBeenCalledTimes(1);
      expect(oauth.initCodeFlow).toHaveBeenCalledWith('/chat');

      createSession();
      await arriveAtCallback();
      expect(oauth.initCodeFlow).toHaveBeenCalledTimes(1);
      expect(location.search).toBe('?reason=state_mismatch');
    });
  });

  describe('refresh', () => {
    beforeEach(async () => arriveAtCallback());

    it('is single-flight: concurrent callers share one token request', async () => {
      let finish: () => void = () => undefined;
      oauth.refreshToken.mockImplementationOnce(
        () =>
          new Promise<void>((resolve) => {
            finish = () => {
              oauth.issueTokens('at-2', 'rt-2');
              resolve();
            };
          }),
      );
      const results = [session.refresh(), session.refresh(), session.refresh()];
      expect(oauth.refreshToken).toHaveBeenCalledTimes(1);
      finish();
      await expect(Promise.all(results)).resolves.toEqual(['refreshed', 'refreshed', 'refreshed']);
      expect(session.accessToken()).toBe('at-2');

      await session.refresh();
      expect(oauth.refreshToken).toHaveBeenCalledTimes(2);
    });

    it('refreshes in the background at 75 % of the token lifetime', async () => {
      jest.useFakeTimers({ now: Date.now() });
      try {
        oauth.issueTokens('at-1', 'rt-1');
        await session.refresh();
        oauth.refreshToken.mockClear();
        jest.advanceTimersByTime(200_000);
        expect(oauth.refreshToken).not.toHaveBeenCalled();
        jest.advanceTimersByTime(30_000);
        expect(oauth.refreshToken).toHaveBeenCalledTimes(1);
      } finally {
        jest.useRealTimers();
      }
    });

    it('refreshes a stale token when the tab becomes visible or the network comes back', async () => {
      oauth.refreshToken.mockImplementationOnce(async () => {
        oauth.issueTokens('at-2', 'rt-2', 30_000);
      });
      await session.refresh();
      oauth.refreshToken.mockClear();
      document.dispatchEvent(new Event('visibilitychange'));
      window.dispatchEvent(new Event('online'));
      // Both wake-ups share one in-flight refresh.
      expect(oauth.refreshToken).toHaveBeenCalledTimes(1);
    });

    it('reports a rejected refresh token', async () => {
      oauth.refreshToken.mockRejectedValue(new HttpErrorResponse({ status: 400 }));
      await expect(session.refresh()).resolves.toBe('rejected');
    });

    it('reports an unreachable token endpoint separately', async () => {
      oauth.refreshToken.mockRejectedValue(new HttpErrorResponse({ status: 0 }));
      await expect(session.refresh()).resolves.toBe('unreachable');
    });

    it('re-authenticates on the current route after a failed refresh', async () => {
      const later = Date.now() + 120_000;
      const now = jest.spyOn(Date, 'now').mockReturnValue(later);
      await session.reauthenticate();
      now.mockRestore();
      expect(session.accessToken()).toBeNull();
      expect(oauth.initCodeFlow).toHaveBeenCalledWith('/');
    });

    it('stops on an error page when a fresh sign-in is refused again (no loop)', async () => {
      const navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
      await session.reauthenticate();
      expect(oauth.initCodeFlow).not.toHaveBeenCalled();
      expect(session.accessToken()).toBeNull();
      expect(navigate).toHaveBeenCalledWith('/auth-error?reason=session_rejected');
    });
  });

  describe('logout', () => {
    it('ends the IdP session with the ID token hint and forgets everything', async () => {
      await arriveAtCallback();
      const sessionId = session.sessionId();
      let idTokenAtLogout: string | null = null;
      oauth.logOut.mockImplementation(() => {
        idTokenAtLogout = oauth.getIdToken();
      });
      await session.logout();
      expect(idTokenAtLogout).toBe('id-token');
      expect(oauth.logOut).toHaveBeenCalledWith();
      expect(session.isAuthenticated()).toBe(false);
      expect(session.accessToken()).toBeNull();
      expect(oauth.getRefreshToken()).toBeNull();
      expect(session.sessionId()).not.toBe(sessionId);
    });

    it('logs out without a revocation request when the IdP offers no revocation endpoint', async () => {
      await arriveAtCallback();
      await session.logout();
      TestBed.inject(HttpTestingController).verify();
      expect(oauth.logOut).toHaveBeenCalledWith();
    });
  });

  describe('logout with a revocation endpoint (RFC 7009)', () => {
    const REVOCATION_ENDPOINT = `${TEST_CONFIG.issuer}/token/revocation`;
    let http: HttpTestingController;

    beforeEach(async () => {
      oauth.discoveryDocument['revocation_endpoint'] = REVOCATION_ENDPOINT;
      await arriveAtCallback();
      http = TestBed.inject(HttpTestingController);
    });

    afterEach(() => jest.useRealTimers());

    async function logoutUntilRevocationSent() {
      const done = session.logout();
      await new Promise((resolve) => setTimeout(resolve));
      return { done, revocation: http.expectOne(REVOCATION_ENDPOINT) };
    }

    it('revokes the refresh token as a public client, then ends the IdP session', async () => {
      const { done, revocation } = await logoutUntilRevocationSent();
      expect(revocation.request.method).toBe('POST');
      expect(revocation.request.headers.get('content-type')).toBe(
        'application/x-www-form-urlencoded',
      );
      expect(Object.fromEntries(new URLSearchParams(revocation.request.body as string))).toEqual({
        token: 'rt-1',
        token_type_hint: 'refresh_token',
        client_id: 'oracle-ai-web',
      });
      expect(oauth.logOut).not.toHaveBeenCalled();
      revocation.flush('');
      await done;
      expect(oauth.logOut).toHaveBeenCalledWith();
      expect(session.isAuthenticated()).toBe(false);
    });

    it('ends the session when the revocation is refused or the IdP cannot be reached', async () => {
      const { done, revocation } = await logoutUntilRevocationSent();
      revocation.error(new ProgressEvent('error'), { status: 0 });
      await done;
      expect(oauth.logOut).toHaveBeenCalledWith();
    });

    it('waits for a revocation that does not answer for 2.5 s at most', async () => {
      jest.useFakeTimers();
      const done = session.logout();
      await jest.advanceTimersByTimeAsync(0);
      const revocation = http.expectOne(REVOCATION_ENDPOINT);
      await jest.advanceTimersByTimeAsync(2_400);
      expect(oauth.logOut).not.toHaveBeenCalled();
      await jest.advanceTimersByTimeAsync(100);
      await done;
      expect(oauth.logOut).toHaveBeenCalledWith();
      expect(revocation.cancelled).toBe(true);
    });

    it("revokes this tab's refresh token too when another tab logs out", async () => {
      let loggedOutElsewhere: () => void = () => undefined;
      createSession([
        {
          provide: LogoutBroadcast,
          useValue: {
            announce: jest.fn(),
            onLogoutElsewhere: (handler: () => void) => (loggedOutElsewhere = handler),
          },
        },
      ]);
      await arriveAtCallback();
      http = TestBed.inject(HttpTestingController);
      const navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
      loggedOutElsewhere();
      await new Promise((resolve) => setTimeout(resolve));
      const revocation = http.expectOne(REVOCATION_ENDPOINT);
      expect(revocation.request.body).toContain('token=rt-1');
      expect(session.isAuthenticated()).toBe(false);
      expect(navigate).toHaveBeenCalledWith('/logged-out');
    });
  });
});
