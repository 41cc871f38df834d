import { DOCUMENT } from '@angular/common';
import { HttpErrorResponse } from '@angular/common/http';
import { computed, DestroyRef, inject, Injectable, signal } from '@angular/core';
import { Router } from '@angular/router';
import { OAuthService } from 'angular-oauth2-oidc';
import { toSafeReturnUrl } from '../navigation/return-url';
import { RUNTIME_CONFIG } from '../runtime-config/runtime-config';
import { HybridOAuthStorage } from '../storage/hybrid-oauth-storage';
import { authErrorUrl } from './auth-errors';
import { IdpDiscovery } from './idp-discovery';
import { LoginCallback } from './login-callback';
import { LogoutBroadcast } from './logout-broadcast';
import {
  CALLBACK_PATH,
  LOGGED_OUT_PATH,
  oauthClientConfig,
  TOKEN_TYPE,
} from './oauth-client-config';
import { RefreshSchedule } from './refresh-schedule';
import { RefreshTokenRevocation } from './refresh-token-revocation';

/** Profile claims read from the ID token (the userinfo endpoint refuses API-audience tokens). */
export interface IdTokenClaims {
  sub: string;
  name?: string;
  preferred_username?: string;
  email?: string;
}

export type RefreshOutcome = 'refreshed' | 'rejected' | 'unreachable';

/** A token refused this soon after sign-in will be refused again: show an error instead of looping. */
const RELOGIN_LOOP_WINDOW_MS = 30_000;

/**
 * The browser's OpenID Connect session: login (code + PKCE), callback, tokens in memory,
 * single-flight refresh, logout (refresh token revoked, then RP-initiated logout) propagated to
 * other tabs.
 */
@Injectable({ providedIn: 'root' })
export class AuthSession {
  private readonly oauth = inject(OAuthService);
  private readonly storage = inject(HybridOAuthStorage);
  private readonly config = inject(RUNTIME_CONFIG);
  private readonly discovery = inject(IdpDiscovery);
  private readonly callback = inject(LoginCallback);
  private readonly refreshSchedule = inject(RefreshSchedule);
  private readonly logoutBroadcast = inject(LogoutBroadcast);
  private readonly revocation = inject(RefreshTokenRevocation);
  private readonly router = inject(Router);
  private readonly document = inject(DOCUMENT);

  private readonly _claims = signal<IdTokenClaims | null>(null);
  private readonly _accessTokenExpiresAt = signal<number | null>(null);
  private readonly _redirecting = signal(false);
  private readonly _sessionId = signal(0);

  readonly claims = this._claims.asReadonly();
  readonly accessTokenExpiresAt = this._accessTokenExpiresAt.asReadonly();
  /** True while the browser is on its way to the IdP: the shell says so instead of showing a blank page. */
  readonly redirecting = this._redirecting.asReadonly();
  /** Changes whenever a session starts or ends, so per-session caches know when to forget. */
  readonly sessionId = this._sessionId.asReadonly();
  readonly isAuthenticated = computed(() => this._claims() !== null);
  readonly displayName = computed(() => {
    const claims = this._claims();
    return claims ? (claims.name ?? claims.preferred_username ?? claims.sub) : null;
  });

  /** When the last sign-in completed in this page (memory only: nothing but login transients in sessionStorage). */
  private loggedInAt = 0;
  private refreshInFlight: Promise<RefreshOutcome> | null = null;

  constructor() {
    this.refreshSchedule.onDue(() => void this.refreshInBackground());
    this.logoutBroadcast.onLogoutElsewhere(() => this.endedInAnotherTab());
    // Back from the IdP via the back/forward cache: the redirect we were waiting for never happened.
    const view = this.document.defaultView;
    const onPageShow = (event: PageTransitionEvent) => {
      if (event.persisted) this._redirecting.set(false);
    };
    view?.addEventListener('pageshow', onPageShow);
    inject(DestroyRef).onDestroy(() => view?.removeEventListener('pageshow', onPageShow));
  }

  /**
   * Runs before the first navigation: configures the client and, on `/auth/callback`, exchanges
   * the code, then rewrites the URL to the page first asked for (or the error page), which is
   * where the router's initial navigation then goes.
   */
  async initialize(): Promise<void> {
    this.oauth.configure({
      ...oauthClientConfig(this.config, this.document.location.origin),
      openUri: (uri: string) => this.document.location.assign(uri),
    });
    if (this.document.location.pathname !== CALLBACK_PATH) return;
    const target = await this.completeLogin();
    if (target === null) {
      // A retry is under way and the browser is leaving for the IdP: render nothing meanwhile.
      return new Promise<void>(() => undefined);
    }
    this.document.defaultView?.history.replaceState(null, '', target);
  }

  accessToken(): string | null {
    return this.oauth.getAccessToken() || null;
  }

  /**
   * `DPoP` when the IdP bound the access token to this page's key (RFC 9449 §5: the token
   * response's `token_type`, compared ignoring case), else `Bearer`.
   */
  accessTokenType(): 'DPoP' | 'Bearer' {
    const type: unknown = this.oauth.getCustomTokenResponseProperty(TOKEN_TYPE);
    return typeof type === 'string' && type.toLowerCase() === 'dpop' ? 'DPoP' : 'Bearer';
  }

  /**
   * Sends the browser to the IdP; it comes back to `returnUrl`. Resolves `false` when the IdP
   * cannot be reached (the caller shows the error page instead of looping).
   */
  async login(returnUrl: string): Promise<boolean> {
    this.callback.resetRetry();
    return this.startLogin(returnUrl);
  }

  /** One refresh at a time: the timer, wake-ups and the interceptor share the in-flight promise. */
  refresh(): Promise<RefreshOutcome> {
    this.refreshInFlight ??= this.performRefresh().finally(() => (this.refreshInFlight = null));
    return this.refreshInFlight;
  }

  /** The session cannot be continued: forget the tokens and log in again on the current page. */
  async reauthenticate(): Promise<void> {
    this.endLocalSession();
    if (this.signedInMomentsAgo()) {
      await this.router.navigateByUrl(authErrorUrl('session_rejected'));
      return;
    }
    if (!(await this.startLogin(this.currentUrl()))) {
      await this.router.navigateByUrl(authErrorUrl('idp_unreachable'));
    }
  }

  /**
   * Revokes the refresh token where the IdP offers it (best effort, briefly), then RP-initiated
   * logout: the IdP session ends too, and other tabs are told.
   */
  async logout(): Promise<void> {
    this.logoutBroadcast.announce();
    try {
      await this.discovery.load();
    } catch {
      // Without discovery there is no end-session endpoint; the local session still ends.
    }
    await this.revocation.revoke(this.oauth.getRefreshToken());
    const leavingForIdp = !!this.oauth.logoutUrl;
    this._redirecting.set(leavingForIdp);
    // Reads the ID token for `id_token_hint`, clears its keys, then redirects.
    this.oauth.logOut();
    this.endLocalSession();
    if (!leavingForIdp) await this.router.navigateByUrl(LOGGED_OUT_PATH);
  }

  /** The URL being navigated to, or the current one; used to come back after a re-login. */
  currentUrl(): string {
    const navigation = this.router.currentNavigation();
    if (navigation) return this.router.serializeUrl(navigation.finalUrl ?? navigation.extractedUrl);
    return this.router.url;
  }

  private async startLogin(returnUrl: string): Promise<boolean> {
    if (this._redirecting()) return true;
    try {
      await this.discovery.load();
    } catch {
      return false;
    }
    this._redirecting.set(true);
    this.oauth.initCodeFlow(toSafeReturnUrl(returnUrl) ?? '/');
    return true;
  }

  /** Returns where to go next, or `null` when an automatic retry has sent the browser back to the IdP. */
  private async completeLogin(): Promise<string | null> {
    const result = await this.callback.complete();
    switch (result.kind) {
      case 'retry':
        this.endLocalSession();
        return (await this.startLogin(result.returnUrl)) ? null : authErrorUrl('idp_unreachable');
      case 'failed':
        this.endLocalSession();
        return authErrorUrl(result.reason);
      case 'signed-in':
        this.loggedInAt = Date.now();
        this._sessionId.update((id) => id + 1);
        this.onTokensReceived();
        return result.returnUrl;
    }
  }

  private async performRefresh(): Promise<RefreshOutcome> {
    if (!this.oauth.getRefreshToken()) return 'rejected';
    try {
      await this.oauth.refreshToken();
      this.onTokensReceived();
      return 'refreshed';
    } catch (error) {
      return error instanceof HttpErrorResponse && error.status === 0 ? 'unreachable' : 'rejected';
    }
  }

  private onTokensReceived(): void {
    this._claims.set(this.oauth.getIdentityClaims() as IdTokenClaims | null);
    const expiresAt = this.oauth.getAccessTokenExpiration() || null;
    this._accessTokenExpiresAt.set(expiresAt);
    this.refreshSchedule.plan(expiresAt);
  }

  private async refreshInBackground(): Promise<void> {
    const outcome = await this.refresh();
    // 'unreachable' keeps the current token: the next wake-up or API call tries again.
    if (outcome === 'rejected') await this.reauthenticate();
  }

  private endLocalSession(): void {
    this.refreshSchedule.plan(null);
    this.storage.clear();
    const hadSession = this._claims() !== null;
    this._claims.set(null);
    this._accessTokenExpiresAt.set(null);
    if (hadSession) this._sessionId.update((id) => id + 1);
  }

  private endedInAnotherTab(): void {
    // This tab holds a refresh token of its own: it must not outlive the logout either.
    void this.revocation.revoke(this.oauth.getRefreshToken());
    this.oauth.logOut(true);
    this.endLocalSession();
    if (this.document.location.pathname !== LOGGED_OUT_PATH) {
      void this.router.navigateByUrl(LOGGED_OUT_PATH);
    }
  }

  private signedInMomentsAgo(): boolean {
    return this.loggedInAt > 0 && Date.now() - this.loggedInAt < RELOGIN_LOOP_WINDOW_MS;
  }
}
