import { DOCUMENT } from '@angular/common';
import { HttpErrorResponse } from '@angular/common/http';
import { computed, DestroyRef, inject, Injectable, isDevMode, signal } from '@angular/core';
import { Router } from '@angular/router';
import { AuthConfig, OAuthService } from 'angular-oauth2-oidc';
import { isApiUrl } from '../http/api-url';
import { toSafeReturnUrl } from '../navigation/return-url';
import { RUNTIME_CONFIG } from '../runtime-config/runtime-config';
import { HybridOAuthStorage } from '../storage/hybrid-oauth-storage';
import { sessionStorageOf } from '../storage/session-storage-of';
import { AuthErrorReason, authErrorUrl, classifyCallbackError } from './auth-errors';

export const CALLBACK_PATH = '/auth/callback';
export const LOGGED_OUT_PATH = '/logged-out';

/** Profile claims read from the ID token (the userinfo endpoint refuses API-audience tokens). */
export interface IdTokenClaims {
  sub: string;
  name?: string;
  preferred_username?: string;
  email?: string;
}

export type RefreshOutcome = 'refreshed' | 'rejected' | 'unreachable';

const RETRY_MARKER_KEY = 'oracle-ai.auth.state-retry';
/** A token refused this soon after sign-in will be refused again: show an error instead of looping. */
const RELOGIN_LOOP_WINDOW_MS = 30_000;
const LOGOUT_CHANNEL = 'oracle-ai.auth';
const REFRESH_AT_FRACTION_OF_LIFETIME = 0.75;
const MIN_REFRESH_DELAY_MS = 1_000;
/** On wake-up (tab visible again, network back) refresh if the token expires within this window. */
const STALE_WITHIN_MS = 60_000;

/**
 * The browser's OpenID Connect session: login (code + PKCE), callback, tokens in memory,
 * single-flight refresh, RP-initiated logout propagated to other tabs.
 */
@Injectable({ providedIn: 'root' })
export class AuthSession {
  private readonly oauth = inject(OAuthService);
  private readonly storage = inject(HybridOAuthStorage);
  private readonly config = inject(RUNTIME_CONFIG);
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

  private discovery: Promise<void> | null = null;
  /** When the last sign-in completed in this page (memory only: nothing but login transients in sessionStorage). */
  private loggedInAt = 0;
  private idpEndpoints: string[] = [];
  private refreshInFlight: Promise<RefreshOutcome> | null = null;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly channel = createChannel();

  constructor() {
    const view = this.document.defaultView;
    const onWakeUp = () => {
      if (this.document.visibilityState === 'visible') void this.refreshIfStale();
    };
    // Back from the IdP via the back/forward cache: the redirect we were waiting for never happened.
    const onPageShow = (event: PageTransitionEvent) => {
      if (event.persisted) this._redirecting.set(false);
    };
    const onLogoutElsewhere = (event: MessageEvent) => {
      if ((event.data as { type?: unknown } | null)?.type === 'logout') this.endedInAnotherTab();
    };
    this.document.addEventListener('visibilitychange', onWakeUp);
    view?.addEventListener('online', onWakeUp);
    view?.addEventListener('pageshow', onPageShow);
    this.channel?.addEventListener('message', onLogoutElsewhere);
    inject(DestroyRef).onDestroy(() => {
      this.document.removeEventListener('visibilitychange', onWakeUp);
      view?.removeEventListener('online', onWakeUp);
      view?.removeEventListener('pageshow', onPageShow);
      this.channel?.close();
      clearTimeout(this.refreshTimer);
    });
  }

  /**
   * Runs before the first navigation: configures the client and, on `/auth/callback`, exchanges
   * the code, then rewrites the URL to the page first asked for (or the error page), which is
   * where the router's initial navigation then goes.
   */
  async initialize(): Promise<void> {
    this.oauth.configure(this.authConfig());
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

  /** Whether a request to `url` may carry the bearer: the API only, never the IdP. */
  isApiRequest(url: string): boolean {
    const { issuer, apiBaseUrl } = this.config;
    const origin = this.document.location.origin;
    // Everything under the issuer is the IdP's, unless the API itself lives below it: then only
    // the discovery path and the discovered endpoints are.
    const issuerScope = isApiUrl(apiBaseUrl, issuer, origin) ? `${issuer}/.well-known/` : issuer;
    return isApiUrl(url, apiBaseUrl, origin, [issuerScope, ...this.idpEndpoints]);
  }

  /**
   * Sends the browser to the IdP; it comes back to `returnUrl`. Resolves `false` when the IdP
   * cannot be reached (the caller shows the error page instead of looping).
   */
  async login(returnUrl: string): Promise<boolean> {
    this.setRetryMarker(false);
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

  /** RP-initiated logout: the IdP session ends too, and other tabs are told. */
  async logout(): Promise<void> {
    this.channel?.postMessage({ type: 'logout' });
    try {
      await this.ensureDiscovery();
    } catch {
      // Without discovery there is no end-session endpoint; the local session still ends.
    }
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

  private authConfig(): AuthConfig {
    const origin = this.document.location.origin;
    return {
      issuer: this.config.issuer,
      clientId: this.config.clientId,
      scope: this.config.scope,
      customQueryParams: this.config.customQueryParams,
      redirectUri: origin + CALLBACK_PATH,
      postLogoutRedirectUri: origin + LOGGED_OUT_PATH,
      responseType: 'code',
      disablePKCE: false,
      oidc: true,
      requireHttps: 'remoteOnly',
      // Entra ID and others host endpoints outside the issuer path; the issuer itself is checked
      // exactly in ensureDiscovery().
      strictDiscoveryDocumentValidation: false,
      clockSkewInSec: 30,
      showDebugInformation: isDevMode(),
      useSilentRefresh: false,
      sessionChecksEnabled: false,
      clearHashAfterLogin: false,
      preserveRequestedRoute: false,
      openUri: (uri: string) => this.document.location.assign(uri),
    };
  }

  private ensureDiscovery(): Promise<void> {
    this.discovery ??= this.oauth
      .loadDiscoveryDocument()
      .then((event) => {
        if (this.oauth.issuer !== this.config.issuer) {
          throw new Error('The discovery document names another issuer');
        }
        this.idpEndpoints = endpointsOf(event.info?.discoveryDocument);
      })
      .catch((error: unknown) => {
        this.discovery = null;
        throw error;
      });
    return this.discovery;
  }

  private async startLogin(returnUrl: string): Promise<boolean> {
    if (this._redirecting()) return true;
    try {
      await this.ensureDiscovery();
    } catch {
      return false;
    }
    this._redirecting.set(true);
    this.oauth.initCodeFlow(toSafeReturnUrl(returnUrl) ?? '/');
    return true;
  }

  /** Returns where to go next, or `null` when an automatic retry has sent the browser back to the IdP. */
  private async completeLogin(): Promise<string | null> {
    try {
      await this.ensureDiscovery();
    } catch {
      this.storage.clearTransient();
      return authErrorUrl('idp_unreachable');
    }

    let failure: AuthErrorReason | null = null;
    try {
      await this.oauth.tryLoginCodeFlow({ preventClearHashAfterLogin: true });
      // The library resolves without tokens when `state` carries no nonce at all.
      if (!this.oauth.getAccessToken()) failure = 'state_mismatch';
    } catch (error) {
      failure = classifyCallbackError(error);
    }
    // Single-use values: gone before anything else can read them (and before a retry writes new ones).
    this.storage.clearTransient();
    const returnUrl = toSafeReturnUrl(safeDecode(this.oauth.state)) ?? '/';

    if (failure === 'state_mismatch' && !this.hasRetryMarker()) {
      // Usually a stale tab or a double submit: one fresh attempt, then stop to avoid a loop.
      this.setRetryMarker(true);
      this.endLocalSession();
      if (await this.startLogin(returnUrl)) return null;
      return authErrorUrl('idp_unreachable');
    }
    // Past this point the retry marker has served its purpose: success, or an error page that stops.
    this.setRetryMarker(false);
    if (failure) {
      this.endLocalSession();
      return authErrorUrl(failure);
    }
    this.loggedInAt = Date.now();
    this._sessionId.update((id) => id + 1);
    this.onTokensReceived();
    return returnUrl;
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
    clearTimeout(this.refreshTimer);
    if (expiresAt) {
      const delay = Math.max(
        MIN_REFRESH_DELAY_MS,
        (expiresAt - Date.now()) * REFRESH_AT_FRACTION_OF_LIFETIME,
      );
      this.refreshTimer = setTimeout(() => void this.refreshInBackground(), delay);
    }
  }

  private async refreshIfStale(): Promise<void> {
    const expiresAt = this._accessTokenExpiresAt();
    if (!this.isAuthenticated() || !expiresAt || expiresAt - Date.now() > STALE_WITHIN_MS) return;
    await this.refreshInBackground();
  }

  private async refreshInBackground(): Promise<void> {
    const outcome = await this.refresh();
    // 'unreachable' keeps the current token: the next wake-up or API call tries again.
    if (outcome === 'rejected') await this.reauthenticate();
  }

  private endLocalSession(): void {
    clearTimeout(this.refreshTimer);
    this.storage.clear();
    const hadSession = this._claims() !== null;
    this._claims.set(null);
    this._accessTokenExpiresAt.set(null);
    if (hadSession) this._sessionId.update((id) => id + 1);
  }

  private endedInAnotherTab(): void {
    this.oauth.logOut(true);
    this.endLocalSession();
    if (this.document.location.pathname !== LOGGED_OUT_PATH) {
      void this.router.navigateByUrl(LOGGED_OUT_PATH);
    }
  }

  private signedInMomentsAgo(): boolean {
    return this.loggedInAt > 0 && Date.now() - this.loggedInAt < RELOGIN_LOOP_WINDOW_MS;
  }

  private hasRetryMarker(): boolean {
    return sessionStorageOf(this.document)?.getItem(RETRY_MARKER_KEY) === '1';
  }

  private setRetryMarker(on: boolean): void {
    const store = sessionStorageOf(this.document);
    if (on) store?.setItem(RETRY_MARKER_KEY, '1');
    else store?.removeItem(RETRY_MARKER_KEY);
  }
}

function safeDecode(value: string | undefined): string | null {
  if (!value) return null;
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}

const DISCOVERED_ENDPOINTS = [
  'authorization_endpoint',
  'token_endpoint',
  'end_session_endpoint',
  'userinfo_endpoint',
  'revocation_endpoint',
  'introspection_endpoint',
  'jwks_uri',
];

function endpointsOf(discoveryDocument: unknown): string[] {
  if (typeof discoveryDocument !== 'object' || discoveryDocument === null) return [];
  const doc = discoveryDocument as Record<string, unknown>;
  return DISCOVERED_ENDPOINTS.map((key) => doc[key]).filter(
    (value): value is string => typeof value === 'string' && value !== '',
  );
}

function createChannel(): BroadcastChannel | null {
  return typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(LOGOUT_CHANNEL);
}
