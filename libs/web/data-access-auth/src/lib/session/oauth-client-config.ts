import { isDevMode } from '@angular/core';
import { AuthConfig } from 'angular-oauth2-oidc';
import { RuntimeConfig } from '../runtime-config/runtime-config';

/** Where the IdP sends the browser back with the authorization code (registered at the IdP). */
export const CALLBACK_PATH = '/auth/callback';
/** Where the IdP sends the browser after RP-initiated logout (registered at the IdP). */
export const LOGGED_OUT_PATH = '/logged-out';

/** The token response member kept beside the tokens: `DPoP` for a key-bound access token. */
export const TOKEN_TYPE = 'token_type';

/**
 * The `angular-oauth2-oidc` settings for this app, served from `origin`: a public client using
 * Authorization Code + PKCE, with every library feature we do not want switched off explicitly.
 * The browser-facing `openUri` is left to the caller, which owns the document.
 */
export function oauthClientConfig(config: RuntimeConfig, origin: string): AuthConfig {
  return {
    issuer: config.issuer,
    clientId: config.clientId,
    scope: config.scope,
    customQueryParams: config.customQueryParams,
    redirectUri: origin + CALLBACK_PATH,
    postLogoutRedirectUri: origin + LOGGED_OUT_PATH,
    responseType: 'code',
    disablePKCE: false,
    oidc: true,
    requireHttps: 'remoteOnly',
    // Entra ID and others host endpoints outside the issuer path; the issuer itself is checked
    // exactly by IdpDiscovery.
    strictDiscoveryDocumentValidation: false,
    clockSkewInSec: 30,
    showDebugInformation: isDevMode(),
    useSilentRefresh: false,
    sessionChecksEnabled: false,
    clearHashAfterLogin: false,
    preserveRequestedRoute: false,
    customTokenParameters: [TOKEN_TYPE],
  };
}
