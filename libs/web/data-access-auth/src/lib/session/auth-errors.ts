import { HttpErrorResponse } from '@angular/common/http';
import { OAuthErrorEvent } from 'angular-oauth2-oidc';

/** One auth-error screen per case; the value travels in `/auth-error?reason=`. */
export const AUTH_ERROR_REASONS = [
  'access_denied',
  'login_required',
  'state_mismatch',
  'issuer_mismatch',
  'idp_unreachable',
  'token_endpoint_blocked',
  'idp_error',
  'login_failed',
  'session_rejected',
] as const;

export type AuthErrorReason = (typeof AUTH_ERROR_REASONS)[number];

export function isAuthErrorReason(value: unknown): value is AuthErrorReason {
  return (AUTH_ERROR_REASONS as readonly unknown[]).includes(value);
}

/** The page that explains `reason`. */
export function authErrorUrl(reason: AuthErrorReason): string {
  return `/auth-error?reason=${reason}`;
}

const LOGIN_REQUIRED_ERRORS = [
  'login_required',
  'interaction_required',
  'consent_required',
  'account_selection_required',
];

/** Maps whatever the OAuth library rejected the callback with to a screen the user understands. */
export function classifyCallbackError(error: unknown): AuthErrorReason {
  if (error instanceof OAuthErrorEvent) {
    if (error.type === 'invalid_nonce_in_state') return 'state_mismatch';
    if (error.type === 'code_error') {
      const idpError = (error.params as Record<string, unknown> | null)?.['error'];
      if (idpError === 'access_denied') return 'access_denied';
      if (typeof idpError === 'string' && LOGIN_REQUIRED_ERRORS.includes(idpError)) {
        return 'login_required';
      }
      return 'idp_error';
    }
  }
  // The library rejects an ID token whose nonce differs from the stored one with a plain string.
  if (typeof error === 'string' && error.startsWith('Wrong nonce')) return 'state_mismatch';
  // Status 0 means the browser got no readable answer: typically the token endpoint lacks CORS
  // for this origin (discovery worked, so the IdP itself is up).
  if (error instanceof HttpErrorResponse && error.status === 0) return 'token_endpoint_blocked';
  return 'login_failed';
}
