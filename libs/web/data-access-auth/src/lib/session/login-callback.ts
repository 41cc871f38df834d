import { DOCUMENT } from '@angular/common';
import { inject, Injectable } from '@angular/core';
import { OAuthService } from 'angular-oauth2-oidc';
import { toSafeReturnUrl } from '../navigation/return-url';
import { HybridOAuthStorage } from '../storage/hybrid-oauth-storage';
import { sessionStorageOf } from '../storage/session-storage-of';
import { RUNTIME_CONFIG } from '../runtime-config/runtime-config';
import { AuthErrorReason, classifyCallbackError } from './auth-errors';
import { authorizationResponseOf, verifyResponseIssuer } from './authorization-response-issuer';
import { IdpDiscovery } from './idp-discovery';

export type CallbackResult =
  | { kind: 'signed-in'; returnUrl: string }
  /** Worth one fresh attempt, which the caller starts. */
  | { kind: 'retry'; returnUrl: string }
  | { kind: 'failed'; reason: AuthErrorReason };

const RETRY_MARKER_KEY = 'oracle-ai.auth.state-retry';

/**
 * The browser's return from the IdP on `/auth/callback`: checks that the configured IdP sent it
 * (`iss`, RFC 9207), exchanges the code, deletes the single-use login values, validates the
 * return URL carried in `state`, and allows one automatic retry after a state mismatch (usually a
 * stale tab or a double submit), then stops to avoid a loop.
 */
@Injectable({ providedIn: 'root' })
export class LoginCallback {
  private readonly oauth = inject(OAuthService);
  private readonly storage = inject(HybridOAuthStorage);
  private readonly discovery = inject(IdpDiscovery);
  private readonly issuer = inject(RUNTIME_CONFIG).issuer;
  private readonly document = inject(DOCUMENT);
  private readonly retryMarkerStore = sessionStorageOf(this.document);

  async complete(): Promise<CallbackResult> {
    try {
      await this.discovery.load();
    } catch {
      this.storage.clearTransient();
      return { kind: 'failed', reason: 'idp_unreachable' };
    }
    if (!this.cameFromTheIssuer()) {
      // Not our IdP's answer (a mix-up): its code must not reach any token endpoint, and a retry
      // would not change who answered.
      this.storage.clearTransient();
      this.setRetried(false);
      return { kind: 'failed', reason: 'issuer_mismatch' };
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

    if (failure === 'state_mismatch' && !this.retried()) {
      this.setRetried(true);
      return { kind: 'retry', returnUrl };
    }
    // Past this point the marker has served its purpose: success, or an error page that stops.
    this.setRetried(false);
    return failure ? { kind: 'failed', reason: failure } : { kind: 'signed-in', returnUrl };
  }

  /** A login the user starts gets its own automatic retry. */
  resetRetry(): void {
    this.setRetried(false);
  }

  /** The flow was started with the configured issuer, which discovery confirmed byte for byte. */
  private cameFromTheIssuer(): boolean {
    const response = authorizationResponseOf(this.document.location);
    const metadata = this.discovery.metadata() ?? {};
    return verifyResponseIssuer(response, this.issuer, metadata) === 'accepted';
  }

  // Kept in sessionStorage because the retry is a full-page round trip through the IdP.
  private retried(): boolean {
    return this.retryMarkerStore?.getItem(RETRY_MARKER_KEY) === '1';
  }

  private setRetried(on: boolean): void {
    if (on) this.retryMarkerStore?.setItem(RETRY_MARKER_KEY, '1');
    else this.retryMarkerStore?.removeItem(RETRY_MARKER_KEY);
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
