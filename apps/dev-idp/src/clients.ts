import type { ClientMetadata } from 'oidc-provider';

export const WEB_CLIENT_ID = 'oracle-ai-web';
export const CLI_CLIENT_ID = 'oracle-ai-cli';

/**
 * The SPA. With `dpop`, every token request must carry a DPoP proof (RFC 9449 §5.2): its access and
 * refresh tokens are then bound to the browser's key, and a setup that forgot DPoP fails at sign-in
 * instead of falling back to bearer tokens.
 */
export function webClient(webOrigins: string[], { dpop }: { dpop: boolean }): ClientMetadata {
  return {
    client_id: WEB_CLIENT_ID,
    client_name: 'Oracle AI',
    application_type: 'web',
    // Public SPA: no secret can be kept in a browser, PKCE protects the code instead.
    token_endpoint_auth_method: 'none',
    redirect_uris: webOrigins.map((origin) => `${origin}/auth/callback`),
    post_logout_redirect_uris: webOrigins.map((origin) => `${origin}/logged-out`),
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    scope: 'openid profile email offline_access',
    ...(dpop && { dpop_bound_access_tokens: true }),
  };
}

/**
 * The command line (`oracle-ai login`) and `npm run token` use Authorization Code + PKCE with a
 * loopback redirect (RFC 8252): the same grant a corporate IdP offers a native app, unlike the
 * password grant that OAuth 2.1 drops. As a native client, any port on
 * http://127.0.0.1/callback is accepted. `oracle-ai login` asks for `offline_access` with
 * `prompt=consent` (oidc-provider drops the scope otherwise), so its refresh token outlives the
 * browser's session here; rotation and the cap from sign-in (provider.ts) apply as to the SPA's.
 */
export function cliClient(): ClientMetadata {
  return {
    client_id: CLI_CLIENT_ID,
    client_name: 'Oracle AI scripts',
    application_type: 'native',
    token_endpoint_auth_method: 'none',
    redirect_uris: ['http://127.0.0.1/callback'],
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    scope: 'openid profile email offline_access',
  };
}
