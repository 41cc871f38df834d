import { HttpErrorResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { OAuthErrorEvent } from 'angular-oauth2-oidc';
import {
  FakeOAuthService,
  fakeOAuthProviders,
  TEST_CONFIG,
} from '../../testing/fake-oauth-service';
import { HybridOAuthStorage } from '../storage/hybrid-oauth-storage';
import { LoginCallback } from './login-callback';

describe('LoginCallback', () => {
  let oauth: FakeOAuthService;
  let storage: HybridOAuthStorage;
  let callback: LoginCallback;

  beforeEach(() => {
    sessionStorage.clear();
    storage = new HybridOAuthStorage(sessionStorage);
    oauth = new FakeOAuthService(storage);
    TestBed.configureTestingModule({ providers: fakeOAuthProviders(oauth, storage) });
    callback = TestBed.inject(LoginCallback);
    storage.setItem('nonce', 'n1');
    storage.setItem('PKCE_verifier', 'v1');
  });

  it('exchanges the code and returns to the page first asked for', async () => {
    await expect(callback.complete()).resolves.toEqual({
      kind: 'signed-in',
      returnUrl: '/analytics?range=7d',
    });
    expect(oauth.tryLoginCodeFlow).toHaveBeenCalledWith({ preventClearHashAfterLogin: true });
  });

  it('deletes the PKCE verifier and nonce, and keeps no token in web storage', async () => {
    await callback.complete();
    const keys = Object.keys(sessionStorage);
    expect(keys.filter((key) => key.startsWith('oracle-ai.oauth.'))).toEqual([]);
    expect(JSON.stringify({ ...sessionStorage })).not.toMatch(/at-1|rt-1|id-token/);
    expect(localStorage.length).toBe(0);
  });

  it.each(['//evil.com', '/\\evil.com', 'https://evil.com', 'javascript:alert(1)'])(
    'ignores the unsafe return URL %s',
    async (returnUrl) => {
      oauth.tryLoginCodeFlow.mockImplementation(async () => {
        oauth.state = encodeURIComponent(returnUrl);
        oauth.issueTokens('at-1', 'rt-1');
      });
      await expect(callback.complete()).resolves.toEqual({ kind: 'signed-in', returnUrl: '/' });
    },
  );

  it.each([
    ['access_denied', 'access_denied'],
    ['login_required', 'login_required'],
    ['interaction_required', 'login_required'],
    ['server_error', 'idp_error'],
  ])('names the IdP error %s as %s', async (idpError, reason) => {
    oauth.tryLoginCodeFlow.mockRejectedValue(
      new OAuthErrorEvent('code_error', {}, { error: idpError }),
    );
    await expect(callback.complete()).resolves.toEqual({ kind: 'failed', reason });
  });

  it('explains an unreachable IdP, and still deletes the login values', async () => {
    oauth.loadDiscoveryDocument.mockRejectedValue(new HttpErrorResponse({ status: 0 }));
    await expect(callback.complete()).resolves.toEqual({
      kind: 'failed',
      reason: 'idp_unreachable',
    });
    expect(sessionStorage.length).toBe(0);
  });

  it('explains a token endpoint the browser cannot read (CORS)', async () => {
    oauth.tryLoginCodeFlow.mockRejectedValue(new HttpErrorResponse({ status: 0 }));
    await expect(callback.complete()).resolves.toEqual({
      kind: 'failed',
      reason: 'token_endpoint_blocked',
    });
  });

  it('treats an answer without tokens as a state mismatch', async () => {
    oauth.tryLoginCodeFlow.mockResolvedValue(undefined);
    await expect(callback.complete()).resolves.toEqual({ kind: 'retry', returnUrl: '/' });
  });

  describe('the iss parameter of the authorization response (RFC 9207)', () => {
    const GOOD = encodeURIComponent(TEST_CONFIG.issuer);
    const WRONG = encodeURIComponent('https://evil.example');

    function arriveWith(query: string, advertisement: 'advertised' | 'not advertised'): void {
      if (advertisement === 'advertised') {
        oauth.discoveryDocument['authorization_response_iss_parameter_supported'] = true;
      }
      history.replaceState(null, '', `/auth/callback?code=c1&state=s1${query}`);
    }

    afterEach(() => history.replaceState(null, '', '/'));

    it.each([
      ['advertised', 'the configured issuer', `&iss=${GOOD}`],
      ['not advertised', 'the configured issuer', `&iss=${GOOD}`],
      ['not advertised', 'no issuer', ''],
    ] as const)(
      '%s: exchanges the code of a response naming %s',
      async (advertisement, _, query) => {
        arriveWith(query, advertisement);
        await expect(callback.complete()).resolves.toMatchObject({ kind: 'signed-in' });
        expect(oauth.tryLoginCodeFlow).toHaveBeenCalledTimes(1);
      },
    );

    it.each([
      ['advertised', 'another issuer', `&iss=${WRONG}`],
      ['advertised', 'no issuer', ''],
      ['not advertised', 'another issuer', `&iss=${WRONG}`],
    ] as const)(
      '%s: refuses a response naming %s, before any code exchange and without a retry',
      async (advertisement, _, query) => {
        arriveWith(query, advertisement);
        await expect(callback.complete()).resolves.toEqual({
          kind: 'failed',
          reason: 'issuer_mismatch',
        });
        expect(oauth.tryLoginCodeFlow).not.toHaveBeenCalled();
        expect(sessionStorage.length).toBe(0);
      },
    );

    it('refuses an error response from another issuer instead of believing it', async () => {
      history.replaceState(null, '', `/auth/callback?error=access_denied&state=s1&iss=${WRONG}`);
      await expect(callback.complete()).resolves.toEqual({
        kind: 'failed',
        reason: 'issuer_mismatch',
      });
      expect(oauth.tryLoginCodeFlow).not.toHaveBeenCalled();
    });
  });

  describe('after a state mismatch', () => {
    beforeEach(() => {
      oauth.tryLoginCodeFlow.mockImplementation(async () => {
        oauth.state = encodeURIComponent('/chat');
        throw new OAuthErrorEvent('invalid_nonce_in_state', {});
      });
    });

    it('asks for one retry, across page loads, then stops', async () => {
      await expect(callback.complete()).resolves.toEqual({ kind: 'retry', returnUrl: '/chat' });
      TestBed.resetTestingModule();
      TestBed.configureTestingModule({ providers: fakeOAuthProviders(oauth, storage) });
      const afterRedirect = TestBed.inject(LoginCallback);
      await expect(afterRedirect.complete()).resolves.toEqual({
        kind: 'failed',
        reason: 'state_mismatch',
      });
    });

    it('allows a retry again once the user starts a login', async () => {
      await callback.complete();
      callback.resetRetry();
      await expect(callback.complete()).resolves.toMatchObject({ kind: 'retry' });
    });
  });
});
